/**
 * files.* against the real test engine: listing (running and stopped containers), download of
 * a file and of a folder, upload round-trip with spaces and unicode in the path, bad input.
 */
import { randomBytes } from 'node:crypto'
import tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import { MAX_LIST_SCAN_BYTES } from '../../shared/files-models'
import { download, uploadBytes } from './files-kit'
import { call, createLabelledContainer, defaultTestEngine, createTestCore, removeLabelledContainers, type TestCore } from './handlers-kit'

const UNICODE_DIR = '/tmp/dir with spaces'
const UNICODE_NAME = 'ünïcødé ✓.txt'

let t: TestCore
let running: string
let stopped: string

async function execIn(id: string, script: string): Promise<void> {
  const exec = await t.docker.getContainer(id).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true })
  const stream = await exec.start({})
  await new Promise((resolve) => stream.on('end', resolve).resume())
}

beforeAll(async () => {
  t = await createTestCore()
  running = await createLabelledContainer(t, { start: true })
  await execIn(running, `mkdir -p "${UNICODE_DIR}/sub" && printf 'hello berth\\n' > "${UNICODE_DIR}/${UNICODE_NAME}" && ln -s /etc/passwd "${UNICODE_DIR}/link"`)
  stopped = await createLabelledContainer(t) // created, never started
}, 60_000)

afterAll(async () => {
  await removeLabelledContainers(t)
  await t.dispose()
})

describe('files.list', () => {
  it('lists only the direct children of a directory with spaces in its path, with types and sizes', async () => {
    const listing = await call(t.core, 'files.list', { id: running, path: UNICODE_DIR })
    expect(listing.path).toBe(UNICODE_DIR)
    expect(listing.entries.map((e) => [e.name, e.type])).toEqual([
      ['sub', 'dir'],
      ['link', 'symlink'],
      [UNICODE_NAME, 'file']
    ])
    const file = listing.entries.find((e) => e.name === UNICODE_NAME)
    expect(file).toMatchObject({ path: `${UNICODE_DIR}/${UNICODE_NAME}`, size: 'hello berth\n'.length })
    expect(listing.entries.find((e) => e.name === 'link')?.linkTarget).toBe('/etc/passwd')
    expect(listing.truncated).toBe(false)
  })

  it('lists the root of a container that never ran', async () => {
    const listing = await call(t.core, 'files.list', { id: stopped, path: '/' })
    const names = listing.entries.map((e) => e.name)
    expect(names).toEqual(expect.arrayContaining(['bin', 'etc', 'tmp']))
    expect(names.every((n) => !n.includes('/'))).toBe(true)
    expect(listing.entries.find((e) => e.name === 'etc')?.path).toBe('/etc')
  })

  it('says so when the path is a file or missing', async () => {
    await expect(call(t.core, 'files.list', { id: running, path: '/etc/passwd' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(call(t.core, 'files.list', { id: running, path: '/no/such/dir' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('files.list reads one level, not the subtree (issue 9 §3)', () => {
  /** A container whose /big holds a 1 GiB file (sparse on disk; the archive API still sends 1 GiB). */
  async function withGigabyte(start: boolean): Promise<string> {
    const id = await createLabelledContainer(t, { start: true })
    await execIn(id, 'mkdir -p /big && truncate -s 1G /big/a-gib && echo ok > /big/b-after')
    if (!start) await t.docker.getContainer(id).stop({ t: 0 })
    return id
  }

  it('lists / of a running container holding 1 GiB by exec, in well under the 300 ms goal', async () => {
    const id = await withGigabyte(true)
    await call(t.core, 'files.list', { id, path: '/tmp' }) // the first exec of a container pays its setup once
    const started = performance.now()
    const listing = await call(t.core, 'files.list', { id, path: '/' })
    const took = performance.now() - started
    expect(listing.readBy).toBe('exec')
    expect(listing.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['big', 'bin', 'etc', 'tmp']))
    expect(listing.entries.find((e) => e.name === 'big')).toMatchObject({ path: '/big', type: 'dir' })
    expect(listing.scannedBytes).toBeLessThan(64 * 1024)
    // The goal is 300 ms; the bound here leaves room for a loaded CI machine, not for a subtree read (seconds).
    expect(took).toBeLessThan(1000)
    const big = await call(t.core, 'files.list', { id, path: '/big' })
    expect(big.entries.find((e) => e.name === 'a-gib')).toMatchObject({ type: 'file', size: 1024 ** 3 })
  })

  it('reads a stopped container through the archive, stopping at the byte cap with the listing marked partial', async () => {
    const id = await withGigabyte(false)
    const listing = await call(t.core, 'files.list', { id, path: '/big' })
    expect(listing.readBy).toBe('archive')
    expect(listing.partial).toBe(true)
    expect(listing.scannedBytes).toBeLessThan(MAX_LIST_SCAN_BYTES + 4 * 1024 * 1024)
    // The walk is in name order: "b-after" sits behind the gigabyte and is not reached.
    expect(listing.entries.map((e) => e.name)).toEqual(['a-gib'])
  })

  it('falls back to the archive when the container has no shell, and still lists the level', async () => {
    const id = await createLabelledContainer(t, { start: true })
    // (busybox's sh runs its own applets, so removing /bin/find alone would not stop it.)
    await execIn(id, 'rm /bin/sh')
    const listing = await call(t.core, 'files.list', { id, path: '/' })
    expect(listing.readBy).toBe('archive')
    expect(listing.partial).toBe(false)
    expect(listing.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'etc', 'tmp']))
  })
})

describe('files.download', () => {
  it('sends a file as its raw bytes with its size announced', async () => {
    const got = await download(t.core, 'files.download', { id: running, path: `${UNICODE_DIR}/${UNICODE_NAME}` })
    expect(got.fileName).toBe(UNICODE_NAME)
    expect(got.totalBytes).toBe(12)
    expect(got.bytes.toString('utf8')).toBe('hello berth\n')
  })

  it('sends a folder as a tar named FOLDER.tar', async () => {
    const got = await download(t.core, 'files.download', { id: running, path: UNICODE_DIR })
    expect(got.fileName).toBe('dir with spaces.tar')
    const names: string[] = []
    const extract = tar.extract()
    extract.end(got.bytes)
    for await (const entry of extract) {
      names.push(entry.header.name)
      entry.resume()
    }
    expect(names).toContain(`dir with spaces/${UNICODE_NAME}`)
  })

  // Podman's archive endpoint follows the link and sends the target's bytes: nothing to refuse there.
  it.skipIf(defaultTestEngine() === 'podman')('refuses a symbolic link with the target named', async () => {
    await expect(download(t.core, 'files.download', { id: running, path: `${UNICODE_DIR}/link` })).rejects.toThrow(/symbolic link to \/etc\/passwd/)
  })
})

describe('files.upload', () => {
  it('round-trips bytes larger than a chunk into a unicode path of a stopped container', async () => {
    const bytes = randomBytes(2.5 * 1024 * 1024)
    const uploadId = await uploadBytes(t.core, bytes)
    const second = await uploadBytes(t.core, Buffer.from('second file'))
    const result = await call(t.core, 'files.upload', {
      id: stopped,
      dir: '/tmp',
      files: [
        { name: UNICODE_NAME, uploadId },
        { name: 'b.txt', uploadId: second }
      ]
    })
    expect(result).toEqual({ written: [UNICODE_NAME, 'b.txt'], bytes: bytes.byteLength + 11 })
    const listing = await call(t.core, 'files.list', { id: stopped, path: '/tmp' })
    expect(listing.entries.find((e) => e.name === UNICODE_NAME)?.size).toBe(bytes.byteLength)
    const back = await download(t.core, 'files.download', { id: stopped, path: `/tmp/${UNICODE_NAME}` })
    expect(back.chunkCount).toBe(3)
    expect(back.bytes.equals(bytes)).toBe(true)
    // An upload is used once and then gone.
    await expect(call(t.core, 'files.upload', { id: stopped, dir: '/tmp', files: [{ name: 'again', uploadId }] })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  // Podman creates a missing directory for an upload where dockerd refuses it (404).
  it.skipIf(defaultTestEngine() === 'podman')('refuses an incomplete upload before touching the engine, and a missing directory after', async () => {
    const { uploadId } = await call(t.core, 'uploads.open', { totalBytes: 10 })
    await call(t.core, 'uploads.chunk', { uploadId, seq: 0, data: Buffer.from('12345').toString('base64') })
    await expect(call(t.core, 'files.upload', { id: running, dir: '/tmp', files: [{ name: 'x', uploadId }] })).rejects.toThrow(/incomplete: 5 of 10/)
    const complete = await uploadBytes(t.core, Buffer.from('x'))
    await expect(call(t.core, 'files.upload', { id: running, dir: '/no/such/dir', files: [{ name: 'x', uploadId: complete }] })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
  })
})

describe('bad input is refused at the boundary', () => {
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    ['a relative path', () => call(t.core, 'files.list', { id: running, path: 'etc' }), /absolute/],
    ['a ".." segment', () => call(t.core, 'files.list', { id: running, path: '/etc/../root' }), /segments/],
    ['a NUL in a path', () => call(t.core, 'files.list', { id: running, path: '/etc\0' }), /NUL/],
    ['a slash in an upload name', () => call(t.core, 'files.upload', { id: running, dir: '/tmp', files: [{ name: 'a/b', uploadId: 'up-aaaaaaaaaaaa' }] }), /must not contain \//],
    ['"..": an upload name', () => call(t.core, 'files.upload', { id: running, dir: '/tmp', files: [{ name: '..', uploadId: 'up-aaaaaaaaaaaa' }] }), /cannot be/],
    ['an upload over 2 GiB', () => call(t.core, 'uploads.open', { totalBytes: 3 * 1024 ** 3 }), /at most 2 GiB/],
    ['a chunk that is not base64', () => call(t.core, 'uploads.chunk', { uploadId: 'up-aaaaaaaaaaaa', seq: 0, data: 'not base64!' }), /base64/],
    ['an unknown upload id', () => call(t.core, 'uploads.chunk', { uploadId: 'up-aaaaaaaaaaaa', seq: 0, data: 'AAAA' }), /No such upload/],
    ['a chunk out of order', async () => {
      const { uploadId } = await call(t.core, 'uploads.open', { totalBytes: 6 })
      return call(t.core, 'uploads.chunk', { uploadId, seq: 1, data: 'AAAA' })
    }, /chunk 0 was expected/],
    ['more bytes than declared', async () => {
      const { uploadId } = await call(t.core, 'uploads.open', { totalBytes: 2 })
      return call(t.core, 'uploads.chunk', { uploadId, seq: 0, data: 'AAAA' })
    }, /More bytes arrived than the 2 declared/]
  ]
  it.each(cases)('%s', async (_name, attempt, message) => {
    const failure = await attempt().then(
      () => undefined,
      (err: unknown) => err
    )
    expect(failure).toBeDefined()
    expect(String((failure as Error).message)).toMatch(message)
    if (failure instanceof RpcError) expect(['INVALID_INPUT', 'NOT_FOUND']).toContain(failure.code)
  })
})
