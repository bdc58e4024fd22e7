/**
 * Reaching a volume's contents through helper containers (see volume-helpers.ts):
 * - browse: a running, read-only helper per session; folders are listed one level at a time by
 *   exec (volume-listing.ts) and files downloaded through the archive API;
 * - back up: a created-only, read-only helper; GET archive of "MOUNT/." is a tar whose entries
 *   are relative to the volume's root ("./a.txt"), like `tar -C VOLUME -c .`;
 * - restore: a created-only, writable helper; PUT archive extracts the tar at the volume's root
 *   (permissions, owners and symlinks as the tar says).
 * Every path out of here removes its helper, on success, failure or abort.
 */
import type Docker from 'dockerode'
import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import tar from 'tar-stream'
import { RpcError } from '../../../shared/errors'
import type { RestoreResult, VolumeListing } from '../../../shared/volumes-models'
import { engineSentence, engineStatus } from './failures'
import { createFilesApi, destroyAfter, type DownloadSource } from './files'
import { HELPER_MOUNT, chooseHelperImage, createHelper, removeHelper } from './volume-helpers'
import { listVolumeDir, resolveInVolume, volumePathOf } from './volume-listing'

export interface BrowseHelper {
  /** The helper container's name. */
  helper: string
  image: string
  /** Resolves when the helper stops by itself (its time ran out, or someone removed it). */
  ended: Promise<void>
}

/** A download that holds a helper: dispose() removes it (and the response) even if never read. */
export interface HeldDownload extends DownloadSource {
  dispose(): Promise<void>
}

export interface RestoreOptions {
  name: string
  create?: { driver?: string; driverOptions?: Record<string, string>; labels?: Record<string, string> }
  overwrite?: boolean
  /** Bytes of the tar, for the result. */
  bytes: number
}

export interface VolumeTransfersApi {
  openBrowser(volume: string, signal?: AbortSignal): Promise<BrowseHelper>
  closeBrowser(helper: string): Promise<void>
  listDir(helper: string, path: string, signal?: AbortSignal): Promise<VolumeListing>
  download(helper: string, volume: string, path: string, signal?: AbortSignal): Promise<DownloadSource>
  backup(volume: string, signal?: AbortSignal): Promise<HeldDownload>
  restore(tar: Readable, options: RestoreOptions, signal?: AbortSignal): Promise<RestoreResult>
}

async function requireVolume(docker: Docker, name: string, signal?: AbortSignal): Promise<void> {
  try {
    await docker.getVolume(name).inspect({ abortSignal: signal } as object)
  } catch (err) {
    if (engineStatus(err) === 404) throw new RpcError('NOT_FOUND', `There is no volume called ${name} (any more).`)
    throw err
  }
}

async function getArchive(docker: Docker, helper: string, path: string, signal?: AbortSignal): Promise<IncomingMessage> {
  return (await docker.getContainer(helper).getArchive({ path, abortSignal: signal } as unknown as { path: string })) as unknown as IncomingMessage
}

/** The first thing inside the folder a tar carries (its first entry is the folder itself), or null when it is empty. */
export async function firstChildName(source: AsyncIterable<Uint8Array>): Promise<string | null> {
  const extract = tar.extract()
  const feeding = (async () => {
    for await (const chunk of source) {
      if (!extract.write(chunk)) await new Promise<void>((resolve) => extract.once('drain', resolve))
    }
    extract.end(null)
  })()
  feeding.catch((err: unknown) => extract.destroy(err as Error))
  let seen = 0
  for await (const entry of extract) {
    entry.resume()
    if (++seen === 2) return entry.header.name.replace(/^[^/]*\//, '').replace(/\/$/, '')
  }
  return null
}

function timestamp(date = new Date()): string {
  return date.toISOString().slice(0, 16).replace(/:/g, '-')
}

export function createVolumeTransfers(docker: Docker): VolumeTransfersApi {
  const files = createFilesApi(docker)

  return {
    async openBrowser(volume, signal) {
      await requireVolume(docker, volume, signal)
      const image = await chooseHelperImage(docker, true, signal)
      const helper = await createHelper(docker, { volume, image: image.reference, readOnly: true, run: true }, signal)
      // wait() answers when the helper stops; a 404 means it is already gone.
      const ended = docker
        .getContainer(helper.name)
        .wait({ condition: 'not-running' } as object)
        .then(
          () => undefined,
          () => undefined
        )
      return { helper: helper.name, image: image.reference, ended }
    },

    closeBrowser: (helper) => removeHelper(docker, helper),

    listDir: (helper, path, signal) => listVolumeDir(docker, helper, path, signal),

    async download(helper, volume, path, signal) {
      const resolved = await resolveInVolume(docker, helper, path, signal)
      const source = await files.download(helper, resolved, signal)
      // The volume's root would otherwise be named after the helper's mount point.
      return volumePathOf(resolved) === '/' ? { ...source, fileName: `${volume}.tar` } : source
    },

    async backup(volume, signal) {
      await requireVolume(docker, volume, signal)
      const image = await chooseHelperImage(docker, false, signal)
      const helper = await createHelper(docker, { volume, image: image.reference, readOnly: true, run: false }, signal)
      let response: IncomingMessage
      try {
        response = await getArchive(docker, helper.name, `${HELPER_MOUNT}/.`, signal)
      } catch (err) {
        await removeHelper(docker, helper.name)
        throw err
      }
      let disposed = false
      const dispose = async (): Promise<void> => {
        if (disposed) return
        disposed = true
        response.destroy()
        await removeHelper(docker, helper.name)
      }
      async function* chunks(): AsyncGenerator<Uint8Array> {
        try {
          yield* destroyAfter(response, response)
        } finally {
          await dispose()
        }
      }
      return { fileName: `${volume}-${timestamp()}.tar`, totalBytes: null, chunks: chunks(), dispose }
    },

    async restore(body, options, signal) {
      const { name } = options
      let created = false
      if (options.create) {
        const exists = await docker
          .getVolume(name)
          .inspect({ abortSignal: signal } as object)
          .then(
            () => true,
            (err: unknown) => (engineStatus(err) === 404 ? false : Promise.reject(err))
          )
        if (exists) throw new RpcError('CONFLICT', `A volume named ${name} already exists. Pick another name, or restore into the existing volume.`)
        await docker.createVolume({
          Name: name,
          Driver: options.create.driver ?? 'local',
          DriverOpts: options.create.driverOptions ?? {},
          Labels: options.create.labels ?? {},
          abortSignal: signal
        } as Docker.VolumeCreateOptions)
        created = true
      } else {
        await requireVolume(docker, name, signal)
      }
      let helper: string | undefined
      try {
        const image = await chooseHelperImage(docker, false, signal)
        helper = (await createHelper(docker, { volume: name, image: image.reference, readOnly: false, run: false }, signal)).name
        if (!created && !options.overwrite) {
          const peek = await getArchive(docker, helper, `${HELPER_MOUNT}/`, signal)
          const example = await firstChildName(peek).finally(() => peek.destroy())
          if (example !== null) {
            throw new RpcError(
              'CONFLICT',
              `Volume ${name} already holds files (for example ${example}). Confirm overwriting to restore into it: files in the backup replace those with the same path, others stay.`,
              { notEmpty: true }
            )
          }
        }
        try {
          const answer = (await docker
            .getContainer(helper)
            .putArchive(body, { path: HELPER_MOUNT, abortSignal: signal } as object)) as unknown as IncomingMessage | undefined
          answer?.resume?.()
        } catch (err) {
          const status = engineStatus(err)
          if (status === 400 || status === 500) {
            throw new RpcError('INVALID_INPUT', `The engine could not unpack the backup into ${name}: ${engineSentence(err)}. Is it a tar archive (plain, gzip, bzip2 or xz)?`)
          }
          throw err
        }
        return { name, bytes: options.bytes, created }
      } catch (err) {
        // A volume made for this restore holds nothing anyone else wrote: a failed restore takes it away again.
        if (created) {
          if (helper) await removeHelper(docker, helper)
          helper = undefined
          await docker.getVolume(name).remove().catch(() => {})
        }
        throw err
      } finally {
        if (helper) await removeHelper(docker, helper)
      }
    }
  }
}
