/**
 * Reaching into volumes through helper containers, against the real test engine:
 * browse lists one folder level (odd names included, links that leave the volume refused) and
 * downloads a file; the helper is gone when the session ends, also when it is abandoned while
 * starting; back up → remove → restore round-trips contents, sizes, a nested folder, symlinks,
 * permissions and owners; restoring over files needs a confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uploadBytes } from './files-kit'
import { call, createTestCore, type TestCore } from './handlers-kit'
import { helpersFor, labelsOf, openBrowse, receive, removeVolumes, runOnVolume, vnName, waitUntil } from './volumes-kit'

let t: TestCore
const volumes: string[] = []

/** Files of several sizes, a nested folder, links (in and out), odd names, modes and owners. */
const FILL = [
  'mkdir -p /v/nested/deeper',
  'echo hello > /v/small.txt && chmod 600 /v/small.txt',
  ': > /v/empty',
  'head -c 1048583 /dev/urandom > /v/big.bin',
  'head -c 5000 /dev/urandom > /v/nested/deeper/mid.bin && chown 1000:1000 /v/nested/deeper/mid.bin',
  'chmod 751 /v/nested && chmod 4755 /v/nested/deeper',
  'ln -s small.txt /v/link && ln -s nested/deeper /v/dirlink && ln -s /etc /v/escape',
  'echo spaced > "/v/with space.txt" && printf x > "/v/new$(printf "\\nline")"'
].join(' && ')

/** Everything that must survive a round trip, one line per path (newlines in names shown as ?), sorted. */
const SNAPSHOT = [
  'cd /v && find . -exec sh -c \'for f do n=$(printf "%s" "$f" | tr "\\n" "?")',
  'if [ -L "$f" ]; then echo "$n link $(readlink "$f") $(stat -c %u:%g "$f")"',
  'elif [ -d "$f" ]; then echo "$n dir $(stat -c "%a %u:%g" "$f")"',
  'else echo "$n file $(stat -c "%a %u:%g %s %Y" "$f") $(md5sum < "$f" | cut -c1-32)"; fi; done\' sh {} + | sort'
].join('; ')

beforeAll(async () => {
  t = await createTestCore()
}, 60_000)

afterAll(async () => {
  await removeVolumes(t.docker, volumes)
  await t.dispose()
})

async function filledVolume(what: string): Promise<string> {
  const name = vnName(what)
  volumes.push(name)
  await t.docker.createVolume({ Name: name, Labels: labelsOf(t) })
  await runOnVolume(t.docker, t.host.testImage, labelsOf(t), name, FILL)
  return name
}

describe('browse', () => {
  it('lists one level at a time, reads odd names, refuses links out of the volume, downloads a file, and removes its helper', async () => {
    const name = await filledVolume('browse')
    const session = await openBrowse(t.core, name)
    expect(session.image).toBe(t.host.testImage)
    expect(await helpersFor(t.docker, name)).toHaveLength(1)

    const root = await call(t.core, 'volumes.listDir', { sessionId: session.sessionId, path: '/' })
    expect(root.path).toBe('/')
    expect(root.entries.map((e) => e.name).sort()).toEqual(['big.bin', 'dirlink', 'empty', 'escape', 'link', 'nested', 'new\nline', 'small.txt', 'with space.txt'].sort())
    const byName = new Map(root.entries.map((e) => [e.name, e]))
    expect(byName.get('nested')).toMatchObject({ type: 'dir', path: '/nested', mode: 0o751 })
    expect(byName.get('big.bin')).toMatchObject({ type: 'file', size: 1048583 })
    expect(byName.get('small.txt')).toMatchObject({ type: 'file', size: 6, mode: 0o600 })
    expect(byName.get('link')).toMatchObject({ type: 'symlink', linkTarget: 'small.txt' })
    expect(byName.get('escape')).toMatchObject({ type: 'symlink', linkTarget: '/etc' })
    expect(root.entries[0].type).toBe('dir') // folders first

    const nested = await call(t.core, 'volumes.listDir', { sessionId: session.sessionId, path: '/nested' })
    expect(nested.entries.map((e) => e.name)).toEqual(['deeper'])
    const throughLink = await call(t.core, 'volumes.listDir', { sessionId: session.sessionId, path: '/dirlink' })
    expect(throughLink.entries.map((e) => e.name)).toEqual(['mid.bin'])

    await expect(call(t.core, 'volumes.listDir', { sessionId: session.sessionId, path: '/escape' })).rejects.toThrow(/leads out of the volume/)
    await expect(call(t.core, 'volumes.listDir', { sessionId: session.sessionId, path: '/small.txt' })).rejects.toThrow(/not a folder/)
    await expect(call(t.core, 'volumes.listDir', { sessionId: session.sessionId, path: '/../etc' })).rejects.toThrow(/segments/)

    const file = await receive(t.core, 'volumes.download', { sessionId: session.sessionId, path: '/small.txt' })
    expect(file).toEqual({ fileName: 'small.txt', bytes: Buffer.from('hello\n') })
    const odd = await receive(t.core, 'volumes.download', { sessionId: session.sessionId, path: '/with space.txt' })
    expect(odd.bytes.toString()).toBe('spaced\n')
    await expect(receive(t.core, 'volumes.download', { sessionId: session.sessionId, path: '/escape/passwd' })).rejects.toThrow(/not in this volume|leads out/)

    session.close()
    await session.done
    expect(await helpersFor(t.docker, name)).toEqual([])
    await expect(call(t.core, 'volumes.listDir', { sessionId: session.sessionId, path: '/' })).rejects.toThrow(/session has ended/)
  }, 60_000)

  it('leaves no helper behind when the session is abandoned while its helper starts', async () => {
    const name = vnName('abandon')
    volumes.push(name)
    await t.docker.createVolume({ Name: name, Labels: labelsOf(t) })
    for (const delayMs of [0, 40, 150]) {
      const controller = new AbortController()
      const handler = t.core.handlers['volumes.browse']
      const running = handler({ name }, () => {}, controller.signal).catch(() => {})
      setTimeout(() => controller.abort(), delayMs)
      await running
      await waitUntil(async () => (await helpersFor(t.docker, name)).length === 0, 5_000, `no helper for ${name} (abort after ${delayMs} ms)`)
    }
  }, 60_000)

  it('says clearly when the volume does not exist', async () => {
    await expect(openBrowse(t.core, 'vn-no-such-volume-xyz')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('back up and restore', () => {
  it('round-trips contents, sizes, a nested folder, symlinks, permissions and owners', async () => {
    const name = await filledVolume('backup')
    const before = await runOnVolume(t.docker, t.host.testImage, labelsOf(t), name, SNAPSHOT)
    expect(before).toContain('./nested/deeper/mid.bin file 644 1000:1000 5000')
    expect(before).toContain('./link link small.txt')
    expect(before).toContain('./new?line file 644 0:0 1 ')

    const backup = await receive(t.core, 'volumes.backup', { name })
    expect(backup.fileName).toMatch(new RegExp(`^${name}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}\\.tar$`))
    expect(backup.bytes.byteLength).toBeGreaterThan(1048583)
    // Entries are relative to the volume's root, like `tar -C VOLUME -c .`.
    expect(backup.bytes.subarray(0, 100).toString('latin1').replace(/\0+$/, '')).toBe('./')
    expect(await helpersFor(t.docker, name)).toEqual([])

    await call(t.core, 'volumes.remove', { name })
    const uploadId = await uploadBytes(t.core, backup.bytes)
    const restored = await call(t.core, 'volumes.restore', { uploadId, name, create: { labels: labelsOf(t) } })
    expect(restored).toEqual({ name, bytes: backup.bytes.byteLength, created: true })
    expect((await t.docker.getVolume(name).inspect()).Labels).toMatchObject({ 'berth.test.area': 'volumes-networks' })
    expect(await runOnVolume(t.docker, t.host.testImage, labelsOf(t), name, SNAPSHOT)).toBe(before)
    expect(await helpersFor(t.docker, name)).toEqual([])
  }, 90_000)

  it('asks before restoring over files, then replaces those with the same path and keeps the others', async () => {
    const name = await filledVolume('overwrite')
    const backup = await receive(t.core, 'volumes.backup', { name })
    await runOnVolume(t.docker, t.host.testImage, labelsOf(t), name, 'echo changed > /v/small.txt && echo mine > /v/extra.txt')

    const refused = call(t.core, 'volumes.restore', { uploadId: await uploadBytes(t.core, backup.bytes), name })
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT', detail: { notEmpty: true } })
    await expect(refused).rejects.toThrow(/already holds files .*Confirm overwriting/)
    expect(await runOnVolume(t.docker, t.host.testImage, labelsOf(t), name, 'cat /v/small.txt')).toBe('changed\n')

    await call(t.core, 'volumes.restore', { uploadId: await uploadBytes(t.core, backup.bytes), name, overwrite: true })
    expect(await runOnVolume(t.docker, t.host.testImage, labelsOf(t), name, 'cat /v/small.txt /v/extra.txt')).toBe('hello\nmine\n')
    expect(await helpersFor(t.docker, name)).toEqual([])
  }, 90_000)

  it('restores into an empty existing volume without asking', async () => {
    const source = await filledVolume('source')
    const target = vnName('target')
    volumes.push(target)
    await t.docker.createVolume({ Name: target, Labels: labelsOf(t) })
    const backup = await receive(t.core, 'volumes.backup', { name: source })
    const result = await call(t.core, 'volumes.restore', { uploadId: await uploadBytes(t.core, backup.bytes), name: target })
    expect(result.created).toBe(false)
    expect(await runOnVolume(t.docker, t.host.testImage, labelsOf(t), target, SNAPSHOT)).toBe(
      await runOnVolume(t.docker, t.host.testImage, labelsOf(t), source, SNAPSHOT)
    )
  }, 90_000)

  it('refuses a file that is not a tar, and takes away the volume it made for it', async () => {
    const name = vnName('nottar')
    const uploadId = await uploadBytes(t.core, Buffer.from('definitely not a tar archive\n'.repeat(40)))
    await expect(call(t.core, 'volumes.restore', { uploadId, name, create: { labels: labelsOf(t) } })).rejects.toThrow(/not a tar archive/)
    await expect(t.docker.getVolume(name).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('refuses to create over an existing volume', async () => {
    const name = vnName('exists')
    volumes.push(name)
    await t.docker.createVolume({ Name: name, Labels: labelsOf(t) })
    const backup = await receive(t.core, 'volumes.backup', { name })
    const uploadId = await uploadBytes(t.core, backup.bytes)
    await expect(call(t.core, 'volumes.restore', { uploadId, name, create: {} })).rejects.toThrow(/already exists/)
  })
})
