/**
 * Short-lived helper containers that give Berth a view of a volume: the engine has no API to
 * read a volume, but it reads and writes any container's filesystem (archive API) and runs
 * commands in running ones (exec). A helper mounts the volume at HELPER_MOUNT and is created
 * from an image ALREADY on the engine (nothing is pulled):
 * - browsing runs it (`sleep`), so it needs an image with a shell, find and stat (busybox,
 *   alpine, debian…); it is read-only, without network or capabilities beyond reading files;
 * - back-up and restore only create it (the archive API works on containers that never ran), so
 *   any image will do.
 * Every helper carries labels naming it, its volume and when it expires, so one left behind by a
 * crash is found and removed by the next helper's sweep; a running one also removes itself when
 * its `sleep` ends (AutoRemove).
 */
import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import { RpcError } from '../../../shared/errors'
import { engineSentence, engineStatus } from './failures'

export const HELPER_LABEL = 'berth.helper'
export const HELPER_KIND = 'volume'
export const HELPER_VOLUME_LABEL = 'berth.helper.volume'
export const HELPER_EXPIRES_LABEL = 'berth.helper.expires'
export const HELPER_NAME_PREFIX = 'berth-volume-helper-'
/** Where the volume appears inside a helper. */
export const HELPER_MOUNT = '/berth-volume'
/** A browse helper lives at most this long (its `sleep`), then removes itself. */
export const BROWSE_LIFETIME_SECONDS = 3600
/** A created-only helper (backup, restore) is swept after this, however long the transfer. */
const TRANSFER_LIFETIME_SECONDS = 24 * 3600

/** Image families known to ship a shell with find, stat and readlink (busybox applets or coreutils). */
const SHELL_FAMILIES = new Set([
  'busybox',
  'alpine',
  'debian',
  'ubuntu',
  'fedora',
  'centos',
  'rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'archlinux',
  'opensuse/leap',
  'opensuse/tumbleweed',
  'photon'
])

interface ListedImage {
  Id: string
  RepoTags?: string[] | null
  Size?: number
}

export interface HelperImage {
  reference: string
  /** From a family known to have a shell with find and stat. */
  hasShell: boolean
}

/** "registry:5000/library/alpine:3.20" → "alpine"; "opensuse/leap:15" → "opensuse/leap"; berth-test/busybox → busybox. */
export function imageFamily(tag: string): string {
  const withoutTag = tag.replace(/(@sha256:[0-9a-f]+|:[\w][\w.-]*)$/, '')
  const parts = withoutTag.split('/')
  const last = parts[parts.length - 1]
  const lastTwo = parts.slice(-2).join('/')
  return SHELL_FAMILIES.has(lastTwo) ? lastTwo : last
}

/**
 * The smallest tagged image from a shell family; when no shell is needed and none is present,
 * the smallest image of all. Null when nothing suitable is on the engine.
 */
export function pickHelperImage(images: readonly ListedImage[], needShell: boolean): HelperImage | null {
  const bySize = [...images].sort((a, b) => (a.Size ?? 0) - (b.Size ?? 0))
  for (const image of bySize) {
    const tag = (image.RepoTags ?? []).find((t) => t !== '<none>:<none>' && SHELL_FAMILIES.has(imageFamily(t)))
    if (tag) return { reference: tag, hasShell: true }
  }
  if (needShell || bySize.length === 0) return null
  const first = bySize[0]
  const tag = (first.RepoTags ?? []).find((t) => t !== '<none>:<none>')
  return { reference: tag ?? first.Id, hasShell: false }
}

export const NO_SHELL_IMAGE_MESSAGE =
  'Browsing a volume needs a small image with a shell on this engine (busybox, alpine or debian, for example), and none is present. ' +
  'Pull one (e.g. busybox:latest), then open Browse again. Berth never pulls images by itself.'

export async function chooseHelperImage(docker: Docker, needShell: boolean, signal?: AbortSignal): Promise<HelperImage> {
  const images = (await docker.listImages({ abortSignal: signal } as object)) as unknown as ListedImage[]
  const choice = pickHelperImage(images, needShell)
  if (choice) return choice
  if (needShell) throw new RpcError('UNSUPPORTED', NO_SHELL_IMAGE_MESSAGE)
  throw new RpcError('UNSUPPORTED', 'Berth needs an image on this engine to reach the volume (it makes a helper container from it), and there is none. Pull any small image, e.g. busybox:latest, then try again.')
}

export interface HelperSpec {
  volume: string
  image: string
  readOnly: boolean
  /** Started helpers (browse) run `sleep`; the others are only created. */
  run: boolean
}

export interface Helper {
  /** Known before the create call, so a helper is removable even if that call was cut short. */
  name: string
  image: string
}

/** Creates (and, for browsing, starts) a helper. On failure it is removed before the error is thrown. */
export async function createHelper(docker: Docker, spec: HelperSpec, signal?: AbortSignal): Promise<Helper> {
  await sweepExpiredHelpers(docker).catch(() => {})
  const name = `${HELPER_NAME_PREFIX}${randomBytes(6).toString('hex')}`
  const lifetime = spec.run ? BROWSE_LIFETIME_SECONDS : TRANSFER_LIFETIME_SECONDS
  const expires = Math.floor(Date.now() / 1000) + lifetime + 60
  try {
    const container = await docker.createContainer({
      name,
      Image: spec.image,
      // An explicit entrypoint: the image's own (a server, a script) must not run here.
      Entrypoint: spec.run ? ['sleep'] : ['true'],
      Cmd: spec.run ? [String(BROWSE_LIFETIME_SECONDS)] : [],
      Labels: {
        [HELPER_LABEL]: HELPER_KIND,
        [HELPER_VOLUME_LABEL]: spec.volume,
        [HELPER_EXPIRES_LABEL]: String(expires)
      },
      NetworkDisabled: true,
      HostConfig: {
        Mounts: [{ Type: 'volume', Source: spec.volume, Target: HELPER_MOUNT, ReadOnly: spec.readOnly }],
        NetworkMode: 'none',
        ReadonlyRootfs: true,
        AutoRemove: spec.run,
        // Reading files owned by any user (a database's 0700 folder) is all a browse helper may do.
        CapDrop: ['ALL'],
        CapAdd: spec.run ? ['DAC_READ_SEARCH'] : [],
        SecurityOpt: ['no-new-privileges']
      },
      abortSignal: signal
    } as Docker.ContainerCreateOptions)
    if (spec.run) await container.start({ abortSignal: signal } as object)
    return { name, image: spec.image }
  } catch (err) {
    await removeHelper(docker, name)
    // A create cut short by an abort may still be carried out by the engine after our removal
    // answered 404: look once more a little later.
    if (signal?.aborted) setTimeout(() => void removeHelper(docker, name), 2_000).unref()
    if (engineStatus(err) === 404 && /no such image/i.test(engineSentence(err))) {
      throw new RpcError('NOT_FOUND', `The helper image ${spec.image} went away while Berth was using it. Try again.`)
    }
    throw err
  }
}

/**
 * Removes a helper (killing it if it runs). Never throws: it is called from `finally` blocks.
 * 404 (AutoRemove got there first) and 409 (removal already under way) are the usual answers;
 * anything else leaves it to the sweep, which finds it by its expiry label.
 */
export async function removeHelper(docker: Docker, name: string): Promise<void> {
  await docker
    .getContainer(name)
    .remove({ force: true, v: false })
    .catch(() => {})
}

interface ListedHelper {
  Id: string
  Labels?: Record<string, string> | null
}

/** Removes helpers whose time is up: left behind by a crash, or an abandoned transfer. */
export async function sweepExpiredHelpers(docker: Docker, nowSeconds = Date.now() / 1000): Promise<number> {
  const filters = JSON.stringify({ label: [`${HELPER_LABEL}=${HELPER_KIND}`] })
  const helpers = (await docker.listContainers({ all: true, filters })) as unknown as ListedHelper[]
  let removed = 0
  for (const helper of helpers) {
    const expires = Number(helper.Labels?.[HELPER_EXPIRES_LABEL])
    if (!Number.isFinite(expires) || expires > nowSeconds) continue
    await removeHelper(docker, helper.Id)
    removed++
  }
  return removed
}

export function isHelperName(name: string): boolean {
  return name.startsWith(HELPER_NAME_PREFIX)
}
