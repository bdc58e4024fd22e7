/**
 * One folder level read by exec inside a container, shared by the Files tab (the container
 * itself, when it runs) and volume browsing (a helper that mounts the volume). The archive API
 * would send the folder's whole subtree (gigabytes under `/`); `find -maxdepth 1` with one
 * batched `stat` costs ~30 ms for 5,000 entries.
 *
 * The script is a constant: the folder, the boundary and the cap travel as positional arguments
 * ("$1" "$2" "$3"), never inside the script, so no name is ever read as shell code. Its output
 * is the stat lines (mode in hex, size, mtime, name), a NUL, then each symlink's name and
 * target, NUL-separated. A name holding a newline spills onto the next line; a line that does
 * not start like a stat record is folded back into the name before it.
 */
import type Docker from 'dockerode'
import { RpcError } from '../../../shared/errors'
import type { DirListing, FileEntry, FileType } from '../../../shared/files-models'
import { MAX_LIST_ENTRIES } from '../../../shared/files-models'

/**
 * Exit 3: "$1" is not a folder (or is missing). Exit 4: its real path is outside "$2" (a volume's
 * symlinked folder leading into the helper's own files); "$2" empty allows everything.
 */
export const LIST_SCRIPT = [
  'cd "$1" 2>/dev/null || exit 3',
  'case "$(pwd -P)/" in "$2"/*) ;; *) exit 4 ;; esac',
  'find . -mindepth 1 -maxdepth 1 -exec stat -c "%f %s %Y %n" {} + | head -n "$3"',
  'printf "\\0"',
  'find . -mindepth 1 -maxdepth 1 -type l -exec sh -c \'for l do printf "%s\\0" "$l"; readlink "$l"; printf "\\0"; done\' sh {} +'
].join('\n')

/** The most output an exec may produce before Berth stops reading (5,000 entries fit easily). */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024

/** One collator for every sort: localeCompare builds a new one per call (~40 ms per 1,000 names). */
const collator = new Intl.Collator(undefined, { numeric: true })

/** Folders first, then by name as people read it. */
export function sortEntries(entries: FileEntry[]): FileEntry[] {
  return entries.sort((a, b) => Number(b.type === 'dir') - Number(a.type === 'dir') || collator.compare(a.name, b.name))
}

const S_IFMT = 0o170000
const S_IFDIR = 0o040000
const S_IFREG = 0o100000
const S_IFLNK = 0o120000
const RECORD_RE = /^([0-9a-f]{1,8}) ([0-9]+) ([0-9]+) \.\/(.*)$/

function fileType(mode: number): FileType {
  switch (mode & S_IFMT) {
    case S_IFDIR:
      return 'dir'
    case S_IFREG:
      return 'file'
    case S_IFLNK:
      return 'symlink'
    default:
      return 'other'
  }
}

function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`
}

export function parseListing(output: Buffer, dir: string, cap = MAX_LIST_ENTRIES): DirListing {
  const split = output.indexOf(0)
  const statText = (split === -1 ? output : output.subarray(0, split)).toString('utf8')
  const linkParts = split === -1 ? [] : output.subarray(split + 1).toString('utf8').split('\0')
  const targets = new Map<string, string>()
  for (let i = 0; i + 1 < linkParts.length; i += 2) targets.set(linkParts[i].replace(/^\.\//, ''), linkParts[i + 1].replace(/\n$/, ''))

  const entries: FileEntry[] = []
  for (const line of statText.split('\n')) {
    const match = RECORD_RE.exec(line)
    if (!match) {
      // The rest of a name that holds a newline (the record's trailing newline is not a line).
      const last = entries[entries.length - 1]
      if (last && line !== '') {
        last.name = `${last.name}\n${line}`
        last.path = joinPath(dir, last.name)
      }
      continue
    }
    const mode = parseInt(match[1], 16)
    const name = match[4]
    const type = fileType(mode)
    const entry: FileEntry = { name, path: joinPath(dir, name), type, size: type === 'file' ? Number(match[2]) : 0, mode: mode & 0o7777, mtime: Number(match[3]) }
    entries.push(entry)
  }
  for (const entry of entries) {
    const target = entry.type === 'symlink' ? targets.get(entry.name) : undefined
    if (target !== undefined) entry.linkTarget = target
  }
  const truncated = entries.length > cap
  return { path: dir, entries: sortEntries(entries.slice(0, cap)), truncated, scannedBytes: output.byteLength }
}

export interface ExecResult {
  exitCode: number | null
  stdout: Buffer
  stderr: string
}

/** Splits the engine's multiplexed (non-TTY) exec output: 8-byte headers, 1 = stdout, 2 = stderr. */
export function demultiplex(raw: Buffer): { stdout: Buffer; stderr: Buffer } {
  const out: Buffer[] = []
  const err: Buffer[] = []
  for (let offset = 0; offset + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(offset + 4)
    const frame = raw.subarray(offset + 8, offset + 8 + size)
    if (raw[offset] === 2) err.push(frame)
    else out.push(frame)
    offset += 8 + size
  }
  return { stdout: Buffer.concat(out), stderr: Buffer.concat(err) }
}

interface ExecUntyped {
  start(options: { Detach: boolean; Tty: boolean; abortSignal?: AbortSignal }): Promise<NodeJS.ReadableStream>
  inspect(options?: { abortSignal?: AbortSignal }): Promise<{ ExitCode?: number | null; Running?: boolean }>
}

/** Runs argv (no shell of ours around it) in a running container and collects its output. */
export async function runExec(docker: Docker, containerId: string, argv: string[], signal?: AbortSignal): Promise<ExecResult> {
  const exec = (await docker.getContainer(containerId).exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, abortSignal: signal } as object)) as unknown as ExecUntyped
  const stream = await exec.start({ Detach: false, Tty: false, abortSignal: signal })
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk)
    bytes += chunk.byteLength
    if (bytes > MAX_OUTPUT_BYTES) throw new RpcError('INTERNAL', 'The folder listing was unexpectedly large; Berth stopped reading it.')
  }
  const { stdout, stderr } = demultiplex(Buffer.concat(chunks))
  const state = await exec.inspect({ abortSignal: signal })
  return { exitCode: typeof state.ExitCode === 'number' ? state.ExitCode : null, stdout, stderr: stderr.toString('utf8').trim() }
}

