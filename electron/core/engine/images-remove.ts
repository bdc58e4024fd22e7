/**
 * Removing one image reference, the way the engine does it but said in advance (the plan) and
 * with the containers in the way named instead of the engine's "conflict: unable to delete
 * 3b51… (must be forced) - image is being used by stopped container 8a0c…".
 *
 * The engine's rules (daemon/images/image_delete.go): a tag of an image with other tags is only
 * untagged; the last tag or the id deletes the image and all its tags. A delete is refused while
 * containers use the image (stopped ones only without force; running ones always), while other
 * images are built on it, and — by id — while it has several tags unless forced.
 */
import type Docker from 'dockerode'
import { RpcError } from '../../../shared/errors'
import type { ImageInUseDetail, ImageUser, RemovalPlan, RemovalResult } from '../../../shared/image-maintenance-models'
import { listedNameMatches } from '../../../shared/reference'
import { engineSentence, engineStatus } from './failures'
import { containerName, inspectedName } from './mapping'

export interface RemoveOptions {
  force?: boolean
  removeContainers?: string[]
  stopRunning?: boolean
}

interface InspectedImage {
  Id: string
  RepoTags?: string[] | null
  Size?: number
}

interface ListedContainer {
  Id: string
  Names?: string[] | null
  ImageID?: string
  State?: string
}

interface ListedImage {
  Id: string
  ParentId?: string
  RepoTags?: string[] | null
}

type DeleteRecord = { Untagged?: string; Deleted?: string }

const RUNNING_STATES = new Set(['running', 'paused', 'restarting'])

/** The engine's isImageIDPrefix: "3b5112", "sha256:3b5112…" and the full id all name the image itself. */
export function isIdReference(reference: string, imageId: string): boolean {
  const hex = imageId.replace(/^sha256:/, '')
  return imageId.startsWith(reference) || hex.startsWith(reference)
}

export function realTags(tags: readonly string[] | null | undefined): string[] {
  return (tags ?? []).filter((tag) => tag !== '<none>:<none>')
}

export function userOf(container: ListedContainer): ImageUser {
  const state = (container.State ?? 'unknown').toLowerCase()
  return { id: container.Id, name: containerName(container.Names, container.Id), state, running: RUNNING_STATES.has(state) }
}

export function imageLabel(tags: readonly string[], id: string): string {
  return tags[0] ?? `<none> ${id.replace(/^sha256:/, '').slice(0, 12)}`
}

export async function inspectImage(docker: Docker, reference: string, signal?: AbortSignal): Promise<InspectedImage> {
  try {
    return (await docker.getImage(reference).inspect({ abortSignal: signal } as object)) as InspectedImage
  } catch (err) {
    if (engineStatus(err) === 404) throw new RpcError('NOT_FOUND', `There is no image ${reference} on this engine (it may have been removed already).`)
    throw err
  }
}

export async function imageUsers(docker: Docker, imageId: string, signal?: AbortSignal): Promise<ImageUser[]> {
  const all = (await docker.listContainers({ all: true, abortSignal: signal } as object)) as unknown as ListedContainer[]
  return all.filter((container) => container.ImageID === imageId).map(userOf)
}

function describeUsers(users: readonly ImageUser[]): string {
  const named = users.slice(0, 5).map((user) => `${user.name} (${user.state}, id ${user.id.slice(0, 12)})`)
  return users.length > 5 ? `${named.join(', ')} and ${users.length - 5} more` : named.join(', ')
}

/** IN_USE with the blocking containers named, and what to do about it. */
export function inUseError(label: string, imageId: string, users: ImageUser[]): RpcError {
  const running = users.some((user) => user.running)
  const next = running
    ? 'Remove those containers first (Berth can stop and remove them for you). Force cannot delete an image a running container uses.'
    : 'Remove those containers first (Berth can do it for you), or choose Force to delete the image anyway.'
  const detail: ImageInUseDetail = { imageId, container: users[0]?.id ?? '', containers: users }
  const count = users.length === 1 ? '1 container' : `${users.length} containers`
  return new RpcError('IN_USE', `${label} is used by ${count}: ${describeUsers(users)}. ${next}`, detail)
}

async function childrenOf(docker: Docker, imageId: string, signal?: AbortSignal): Promise<RemovalPlan['children']> {
  const all = (await docker.listImages({ all: true, abortSignal: signal } as object)) as unknown as ListedImage[]
  return all.filter((image) => image.ParentId === imageId).map((image) => ({ id: image.Id, label: imageLabel(realTags(image.RepoTags), image.Id) }))
}

export async function removalPlan(docker: Docker, reference: string, signal?: AbortSignal): Promise<RemovalPlan> {
  const image = await inspectImage(docker, reference, signal)
  const tags = realTags(image.RepoTags)
  const by = isIdReference(reference, image.Id) ? 'id' : 'tag'
  // Compared by what they name: Podman lists "app:v1" as docker.io/library/app:v1 (or localhost/app:v1).
  const remainingTags = by === 'tag' ? tags.filter((tag) => !listedNameMatches(reference, tag)) : []
  const [users, children] = await Promise.all([imageUsers(docker, image.Id, signal), childrenOf(docker, image.Id, signal)])
  return {
    imageId: image.Id,
    reference,
    by,
    effect: by === 'tag' && remainingTags.length > 0 ? 'untag' : 'delete',
    tags,
    remainingTags,
    size: image.Size ?? 0,
    users,
    children
  }
}

interface ContainerToRemove {
  id: string
  name: string
  running: boolean
}

/** Checks every listed container uses this image (this call never removes others) and is there. */
async function containersToRemove(docker: Docker, ids: readonly string[], imageId: string, signal?: AbortSignal): Promise<ContainerToRemove[]> {
  const found: ContainerToRemove[] = []
  for (const id of new Set(ids)) {
    let info: { Id: string; Name?: string; Image?: string; State?: { Status?: string } }
    try {
      info = (await docker.getContainer(id).inspect({ abortSignal: signal } as object)) as typeof info
    } catch (err) {
      if (engineStatus(err) === 404) continue // already gone: nothing left to do for it
      throw err
    }
    const name = inspectedName(info.Name, info.Id)
    if (info.Image !== imageId) throw new RpcError('INVALID_INPUT', `Container ${name} does not use this image; only containers that use it are removed with it.`)
    found.push({ id: info.Id, name, running: RUNNING_STATES.has(info.State?.Status ?? '') })
  }
  return found
}

async function removeUsers(docker: Docker, options: RemoveOptions, imageId: string, result: RemovalResult, signal?: AbortSignal): Promise<void> {
  const targets = await containersToRemove(docker, options.removeContainers ?? [], imageId, signal)
  const running = targets.filter((target) => target.running)
  if (running.length > 0 && !options.stopRunning) {
    throw new RpcError('CONFLICT', `${running.map((c) => c.name).join(', ')} ${running.length === 1 ? 'is' : 'are'} running. Confirm stopping ${running.length === 1 ? 'it' : 'them'} first.`, {
      running: running.map(({ id, name }) => ({ id, name }))
    })
  }
  for (const target of targets) {
    const container = docker.getContainer(target.id)
    if (target.running) {
      await container.stop({ abortSignal: signal } as object).catch((err: unknown) => {
        if (engineStatus(err) !== 304) throw err // 304: it stopped by itself meanwhile
      })
      result.stoppedContainers.push({ id: target.id, name: target.name })
    }
    await container.remove({ abortSignal: signal } as object)
    result.removedContainers.push({ id: target.id, name: target.name })
  }
}

/** The engine's 409 for an image, in words: who uses it, or what is built on it. */
async function explainConflict(docker: Docker, err: unknown, label: string, imageId: string, signal?: AbortSignal): Promise<RpcError | null> {
  if (engineStatus(err) !== 409) return null
  const sentence = engineSentence(err)
  if (/container/i.test(sentence)) {
    const users = await imageUsers(docker, imageId, signal)
    if (users.length > 0) return inUseError(label, imageId, users)
  }
  if (/dependent child images/i.test(sentence)) {
    const children = await childrenOf(docker, imageId, signal)
    const names = children.slice(0, 5).map((child) => child.label).join(', ')
    return new RpcError('CONFLICT', `Other images are built on ${label}${names ? ` (${names})` : ''}. Remove them first; their layers sit on this one.`, { children })
  }
  return new RpcError('CONFLICT', `The engine refused to remove ${label}: ${sentence}.`)
}

export async function removeImage(docker: Docker, reference: string, options: RemoveOptions, signal?: AbortSignal): Promise<RemovalResult> {
  const image = await inspectImage(docker, reference, signal)
  const tags = realTags(image.RepoTags)
  const byId = isIdReference(reference, image.Id)
  const label = byId ? imageLabel(tags, image.Id) : reference
  const result: RemovalResult = { untagged: [], deleted: [], stoppedContainers: [], removedContainers: [] }
  if (options.removeContainers?.length) await removeUsers(docker, options, image.Id, result, signal)

  let force = options.force ?? false
  if (byId && tags.length > 1 && !force) {
    // By id means every tag goes (the plan said so); the engine wants force for that, and force
    // would also skip its check for stopped containers — so that check is made here instead.
    const users = await imageUsers(docker, image.Id, signal)
    if (users.length > 0) throw inUseError(label, image.Id, users)
    force = true
  }
  let records: DeleteRecord[]
  try {
    records = (await docker.getImage(byId ? image.Id : reference).remove({ force, abortSignal: signal } as object)) as DeleteRecord[]
  } catch (err) {
    throw (await explainConflict(docker, err, label, image.Id, signal)) ?? err
  }
  for (const record of records ?? []) {
    if (record.Untagged) result.untagged.push(record.Untagged)
    if (record.Deleted) result.deleted.push(record.Deleted)
  }
  return result
}
