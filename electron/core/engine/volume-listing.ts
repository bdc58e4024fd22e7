/**
 * One folder level of a volume, read inside a browse helper by exec (folder-listing.ts): the
 * helper mounts the volume at HELPER_MOUNT, and a symlinked folder that leads out of the mount
 * is refused.
 */
import type Docker from 'dockerode'
import { RpcError } from '../../../shared/errors'
import { MAX_LIST_ENTRIES } from '../../../shared/files-models'
import type { VolumeListing } from '../../../shared/volumes-models'
import { LIST_SCRIPT, parseListing, runExec, type ExecResult } from './folder-listing'
import { HELPER_MOUNT } from './volume-helpers'

/** Prints the real path of "$1" when it is inside the volume; exit 4 when a link leads out. */
export const RESOLVE_SCRIPT = 'p=$(readlink -f "$1") || exit 3\n[ -e "$p" ] || exit 3\ncase "$p/" in "$2"/*) printf "%s" "$p" ;; *) exit 4 ;; esac'

/** "/" → "/berth-volume"; "/a/b" → "/berth-volume/a/b". */
export function helperPath(volumePath: string): string {
  const trimmed = volumePath.replace(/\/+$/, '')
  return trimmed === '' ? HELPER_MOUNT : `${HELPER_MOUNT}${trimmed}`
}

/** "/berth-volume/a/b" → "/a/b"; the mount itself → "/". */
export function volumePathOf(helperAbsolute: string): string {
  const rest = helperAbsolute.slice(HELPER_MOUNT.length)
  return rest === '' ? '/' : rest
}

function explainExit(result: ExecResult, path: string): RpcError {
  if (result.exitCode === 3) return new RpcError('NOT_FOUND', `${path} is not a folder in this volume (it may have been removed).`)
  if (result.exitCode === 4) return new RpcError('INVALID_INPUT', `${path} is a link that leads out of the volume; Berth shows only what is inside it.`)
  if (result.exitCode === 127) return new RpcError('UNSUPPORTED', `The helper image lacks find or stat (${result.stderr || 'command not found'}). Pull busybox or alpine and browse again.`)
  return new RpcError('INTERNAL', `Listing ${path} failed (exit ${result.exitCode ?? '?'}): ${result.stderr || 'no message'}`)
}

export async function listVolumeDir(docker: Docker, helper: string, path: string, signal?: AbortSignal): Promise<VolumeListing> {
  const dir = path.replace(/\/+$/, '') || '/'
  const result = await runExec(docker, helper, ['sh', '-c', LIST_SCRIPT, 'sh', helperPath(dir), HELPER_MOUNT, String(MAX_LIST_ENTRIES + 1)], signal)
  if (result.exitCode !== 0) throw explainExit(result, dir)
  return parseListing(result.stdout, dir)
}

/** The helper-side path of `path` with links resolved, refused when it leaves the volume. */
export async function resolveInVolume(docker: Docker, helper: string, path: string, signal?: AbortSignal): Promise<string> {
  const result = await runExec(docker, helper, ['sh', '-c', RESOLVE_SCRIPT, 'sh', helperPath(path), HELPER_MOUNT], signal)
  if (result.exitCode === 3) throw new RpcError('NOT_FOUND', `${path} is not in this volume (it may have been removed).`)
  if (result.exitCode !== 0) throw explainExit(result, path)
  return result.stdout.toString('utf8')
}
