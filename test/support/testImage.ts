/**
 * The busybox test image, built from Debian's static /bin/busybox and imported through the
 * Engine API (POST /images/create?fromSrc=-). The same recipe as scripts/test-host/start.sh, for
 * engines that script does not manage (throwaway engines from privateEngine.ts).
 */
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { engineRequest } from './engineHttp'
import { TEST_LABEL_KEY, TEST_LABELS } from './testHost'

export const TEST_IMAGE = 'berth-test/busybox:latest'
const BUSYBOX = '/bin/busybox'

export function buildRootfs(): string {
  const rootfs = mkdtempSync(join(tmpdir(), 'berth-rootfs-'))
  for (const dir of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'etc', 'root', 'home', 'var/tmp', 'proc', 'sys', 'dev', 'tmp']) {
    mkdirSync(join(rootfs, dir), { recursive: true })
  }
  chmodSync(join(rootfs, 'tmp'), 0o1777)
  copyFileSync(BUSYBOX, join(rootfs, 'bin/busybox'))
  chmodSync(join(rootfs, 'bin/busybox'), 0o755)
  // --list-full names every applet at its conventional path (bin/ls, usr/bin/awk, sbin/ip...).
  const applets = execFileSync(BUSYBOX, ['--list-full'], { encoding: 'utf8' }).split('\n').filter(Boolean)
  for (const applet of applets) {
    if (applet === 'bin/busybox') continue
    mkdirSync(dirname(join(rootfs, applet)), { recursive: true })
    symlinkSync('/bin/busybox', join(rootfs, applet))
  }
  writeFileSync(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n')
  writeFileSync(join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\nnobody:x:65534:\n')
  return rootfs
}

/** Imports the test image into the engine at `socketPath` unless it is already there. */
export async function ensureTestImage(socketPath: string, reference = TEST_IMAGE): Promise<string> {
  const existing = await engineRequest(socketPath, `/images/${encodeURIComponent(reference)}/json`)
  if (existing.status === 200) return reference
  if (existing.status !== 404) throw new Error(`inspecting ${reference}: ${existing.status} ${existing.body.trim()}`)

  const [repo, tag = 'latest'] = splitReference(reference)
  const label = `${TEST_LABEL_KEY}=${TEST_LABELS[TEST_LABEL_KEY]}`
  const query = new URLSearchParams({ fromSrc: '-', repo, tag })
  query.append('changes', 'CMD ["/bin/sh"]')
  query.append('changes', `LABEL ${label}`)

  const rootfs = buildRootfs()
  try {
    const tar = spawn('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', rootfs, '-c', '.'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let tarErrors = ''
    tar.stderr.on('data', (chunk: Buffer) => (tarErrors += chunk.toString()))
    const response = await engineRequest(socketPath, `/images/create?${query.toString()}`, {
      method: 'POST',
      bodyStream: tar.stdout,
      contentType: 'application/x-tar',
      timeoutMs: 60_000
    })
    // The import answers 200 with a JSON-lines progress stream; a failure is an `error` line in it.
    const failure = response.body.split('\n').find((line) => line.includes('"error"'))
    if (response.status !== 200 || failure) {
      throw new Error(`importing ${reference}: ${response.status} ${failure ?? response.body.trim()} ${tarErrors}`)
    }
    return reference
  } finally {
    rmSync(rootfs, { recursive: true, force: true })
  }
}

function splitReference(reference: string): [string, string | undefined] {
  const colon = reference.lastIndexOf(':')
  // A colon before the last slash belongs to a registry host:port, not to a tag.
  if (colon === -1 || colon < reference.lastIndexOf('/')) return [reference, undefined]
  return [reference.slice(0, colon), reference.slice(colon + 1)]
}
