/**
 * SnapshotsApi: commit, export, import, and the two steps of pruning stopped containers.
 * Returns DTOs, never dockerode types.
 *
 * Prune removes the previewed ids one by one instead of calling POST /containers/prune: the
 * prune endpoint's filters (label, until = created before) can't say "exactly these", so a
 * container that stopped after the preview would go unseen. Removing by id without force
 * never touches anything that wasn't shown, and one started since is refused, not removed.
 */
import type Docker from 'dockerode'
import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import { RpcError } from '../../../shared/errors'
import type { CommitResult, ImportResult, PrunePreview, PruneResult } from '../../../shared/snapshots-models'
import { engineSentence, engineStatus } from './failures'
import { destroyAfter, type DownloadSource } from './files'
import { containerName, inspectedName } from './mapping'

export interface CommitOptions {
  repo: string
  tag?: string
  message?: string
  author?: string
  changes?: string[]
  pause?: boolean
}

export interface ImportOptions {
  repo?: string
  tag?: string
  message?: string
  changes?: string[]
}

export interface SnapshotsApi {
  commit(id: string, options: CommitOptions): Promise<CommitResult>
  /** The container's whole filesystem as a tar. */
  exportFilesystem(id: string, signal?: AbortSignal): Promise<DownloadSource>
  importImage(tar: Readable, options: ImportOptions, signal?: AbortSignal): Promise<ImportResult>
  prunePreview(label?: string, signal?: AbortSignal): Promise<PrunePreview>
  prune(ids: string[]): Promise<PruneResult>
}

const STOPPED_STATES = ['exited', 'created', 'dead']

interface ContainerWithSize {
  Id: string
  Names?: string[] | null
  Image?: string
  State?: string
  Status?: string
  SizeRw?: number
  Created?: number
}

interface InspectWithSize {
  Name?: string
  State?: { Status?: string }
  SizeRw?: number
}

export function reference(repo: string | undefined, tag: string | undefined): string | null {
  return repo ? `${repo}:${tag || 'latest'}` : null
}

/** Reads the JSON-lines answer of POST /images/create and returns the last status, or throws its error. */
async function readImportAnswer(body: Readable): Promise<string> {
  let text = ''
  for await (const chunk of body) text += (chunk as Buffer).toString('utf8')
  let status = ''
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    const value = JSON.parse(line) as { status?: string; error?: string; errorDetail?: { message?: string } }
    if (value.error || value.errorDetail) throw new RpcError('INVALID_INPUT', `The engine could not import the tar: ${value.errorDetail?.message ?? value.error}`)
    if (value.status) status = value.status
  }
  return status
}

export function createSnapshotsApi(docker: Docker): SnapshotsApi {
  return {
    async commit(id, options) {
      const answer = (await docker.getContainer(id).commit({
        repo: options.repo,
        tag: options.tag || 'latest',
        comment: options.message ?? '',
        author: options.author ?? '',
        changes: options.changes ?? [],
        pause: options.pause ?? true
      })) as { Id?: string }
      if (!answer.Id) throw new RpcError('INTERNAL', 'The engine committed but did not say which image it made.')
      return { imageId: answer.Id, reference: `${options.repo}:${options.tag || 'latest'}` }
    },

    async exportFilesystem(id, signal) {
      const container = docker.getContainer(id)
      const info = (await container.inspect({ abortSignal: signal } as object)) as { Name?: string }
      const response = (await container.export({ abortSignal: signal } as object)) as unknown as IncomingMessage
      return { fileName: `${inspectedName(info.Name, id)}.tar`, totalBytes: null, chunks: destroyAfter(response, response) }
    },

    async importImage(tar, options, signal) {
      const query: Record<string, unknown> = { abortSignal: signal }
      // The tag goes inside `repo`, as the docker CLI sends it: Podman 4.3 ignores a separate `tag`
      // and names the image REPO:latest, which would not be the name Berth reports.
      if (options.repo) query.repo = `${options.repo}:${options.tag || 'latest'}`
      if (options.message) query.message = options.message
      if (options.changes?.length) query.changes = options.changes
      const body = (await docker.importImage(tar, query)) as unknown as Readable
      const status = await readImportAnswer(body)
      const imageId = /sha256:[0-9a-f]{64}/.exec(status)?.[0]
      if (!imageId) throw new RpcError('INTERNAL', `The engine imported the tar but answered "${status}" instead of an image id.`)
      return { imageId, reference: reference(options.repo, options.tag) }
    },

    async prunePreview(label, signal) {
      const listIn = async (states: string[]): Promise<ContainerWithSize[]> => {
        const filters: Record<string, string[]> = { status: states }
        if (label) filters.label = [label]
        return (await docker.listContainers({ all: true, size: true, filters, abortSignal: signal } as object)) as unknown as ContainerWithSize[]
      }
      const list = await listIn(STOPPED_STATES).catch((err: unknown) => {
        // Podman has no "dead" state and refuses the whole filter (500 "unknown container state: dead").
        if (!/unknown container state/i.test(engineSentence(err))) throw err
        return listIn(STOPPED_STATES.filter((state) => state !== 'dead'))
      })
      const containers = list.map((c) => ({
        id: c.Id,
        name: containerName(c.Names, c.Id),
        image: c.Image ?? '',
        state: c.State ?? '',
        status: c.Status ?? '',
        sizeRw: c.SizeRw ?? 0,
        created: c.Created ?? 0
      }))
      return { containers, totalBytes: containers.reduce((sum, c) => sum + c.sizeRw, 0) }
    },

    async prune(ids) {
      const result: PruneResult = { removed: [], skipped: [], reclaimedBytes: 0 }
      for (const id of ids) {
        const container = docker.getContainer(id)
        let info: InspectWithSize
        try {
          info = (await container.inspect({ size: true } as object)) as InspectWithSize
        } catch (err) {
          const gone = engineStatus(err) === 404
          result.skipped.push({ id, name: id.slice(0, 12), reason: gone ? 'it no longer exists' : engineSentence(err) })
          continue
        }
        const name = inspectedName(info.Name, id)
        const state = info.State?.Status ?? 'unknown'
        if (!STOPPED_STATES.includes(state)) {
          result.skipped.push({ id, name, reason: `it is ${state} now` })
          continue
        }
        try {
          await container.remove({ force: false })
          const sizeRw = info.SizeRw ?? 0
          result.removed.push({ id, name, sizeRw })
          result.reclaimedBytes += sizeRw
        } catch (err) {
          result.skipped.push({ id, name, reason: engineSentence(err) })
        }
      }
      return result
    }
  }
}
