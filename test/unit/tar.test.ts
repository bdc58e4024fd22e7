/** The archive helpers on tars made in memory: direct children only, caps, single-entry bodies, packing. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tar from 'tar-stream'
import { afterAll, describe, expect, it } from 'vitest'
import { firstEntryBody, listDirectChildren, normaliseEntryName, packFiles, parsePathStat, statIsDirectory, statIsSymlink } from '../../electron/core/engine/archive'

type Item = { name: string; type?: 'file' | 'directory' | 'symlink'; body?: string | Buffer; linkname?: string }

async function makeTar(items: Item[]): Promise<Buffer> {
  const pack = tar.pack()
  for (const item of items) {
    const type = item.type ?? 'file'
    const body = item.body ?? ''
    const header = { name: item.name, type, linkname: item.linkname, mode: type === 'directory' ? 0o755 : 0o644, mtime: new Date(1_700_000_000_000) }
    if (type === 'file') pack.entry(header, body)
    else pack.entry(header).end(null)
  }
  pack.finalize()
  const parts: Buffer[] = []
  for await (const chunk of pack) parts.push(Buffer.from(chunk as Uint8Array))
  return Buffer.concat(parts)
}

/** Feeds a buffer in small pieces, like a socket would. */
async function* pieces(buffer: Buffer, size = 700): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size)
}

const tmp = mkdtempSync(join(tmpdir(), 'berth-tar-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('listDirectChildren', () => {
  it('keeps only direct children with type, size, mode, mtime and link target', async () => {
    const archive = await makeTar([
      { name: 'dir with spaces/', type: 'directory' },
      { name: 'dir with spaces/ünïcødé ✓.txt', body: 'hello' },
      { name: 'dir with spaces/sub/', type: 'directory' },
      { name: 'dir with spaces/sub/deep.txt', body: 'x'.repeat(5000) },
      { name: 'dir with spaces/link', type: 'symlink', linkname: '../etc' }
    ])
    const listing = await listDirectChildren(pieces(archive), '/tmp/dir with spaces', 100)
    expect(listing.truncated).toBe(false)
    expect(listing.scannedBytes).toBe(archive.length)
    expect(listing.entries).toEqual([
      { name: 'sub', path: '/tmp/dir with spaces/sub', type: 'dir', size: 0, mode: 0o755, mtime: 1_700_000_000 },
      { name: 'link', path: '/tmp/dir with spaces/link', type: 'symlink', size: 0, mode: 0o644, mtime: 1_700_000_000, linkTarget: '../etc' },
      { name: 'ünïcødé ✓.txt', path: '/tmp/dir with spaces/ünïcødé ✓.txt', type: 'file', size: 5, mode: 0o644, mtime: 1_700_000_000 }
    ])
  })

  it('lists the root, whose entries the engine names "/", "/bin/"', async () => {
    const archive = await makeTar([
      { name: '/', type: 'directory' },
      { name: '/.dockerenv' },
      { name: '/bin/', type: 'directory' },
      { name: '/bin/sh', type: 'symlink', linkname: '/bin/busybox' }
    ])
    const listing = await listDirectChildren(pieces(archive), '/', 100)
    expect(listing.entries.map((e) => e.path)).toEqual(['/bin', '/.dockerenv'])
  })

  it('stops at the cap and says it was cut', async () => {
    const items: Item[] = [{ name: 'many/', type: 'directory' }]
    for (let i = 0; i < 30; i++) items.push({ name: `many/f${String(i).padStart(2, '0')}`, body: 'x' })
    const listing = await listDirectChildren(pieces(await makeTar(items)), '/many', 10)
    expect(listing.truncated).toBe(true)
    expect(listing.entries).toHaveLength(10)
  })

  it('stops reading inside a big body at the byte cap and says the listing is partial', async () => {
    const archive = await makeTar([
      { name: 'd/', type: 'directory' },
      { name: 'd/a-small' },
      { name: 'd/b-big', body: Buffer.alloc(4 * 1024 * 1024) },
      { name: 'd/c-after' }
    ])
    let fed = 0
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const piece of pieces(archive, 64 * 1024)) {
        fed += piece.byteLength
        yield piece
      }
    }
    const listing = await listDirectChildren(counted(), '/d', 100, 1024 * 1024)
    expect(listing.partial).toBe(true)
    expect(listing.entries.map((e) => e.name)).toEqual(['a-small', 'b-big'])
    // Not read to the end of the big body: a chunk past the cap, not 4 MiB.
    expect(fed).toBeLessThan(1024 * 1024 + 2 * 64 * 1024)
    expect(listing.scannedBytes).toBe(fed)
  })

  it('reads to the end under the byte cap, not partial', async () => {
    const archive = await makeTar([{ name: 'd/', type: 'directory' }, { name: 'd/x', body: 'x' }])
    const listing = await listDirectChildren(pieces(archive), '/d', 100, 1024 * 1024)
    expect(listing.partial).toBe(false)
    expect(listing.entries.map((e) => e.name)).toEqual(['x'])
  })

  it('fails when the stream breaks', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield (await makeTar([{ name: 'd/', type: 'directory' }])).subarray(0, 100)
      throw new Error('socket hang up')
    }
    await expect(listDirectChildren(broken(), '/d', 10)).rejects.toThrow(/socket hang up/)
  })
})

describe('firstEntryBody', () => {
  it('yields exactly the bytes of the single file', async () => {
    const body = Buffer.alloc(300_000, 7)
    const parts: Buffer[] = []
    for await (const chunk of firstEntryBody(pieces(await makeTar([{ name: 'big.bin', body }]), 4096))) parts.push(Buffer.from(chunk))
    expect(Buffer.concat(parts).equals(body)).toBe(true)
  })

  it.each([
    ['a symlink', [{ name: 'l', type: 'symlink', linkname: '/etc/passwd' }] as Item[], /symbolic link to \/etc\/passwd/],
    ['a directory', [{ name: 'd/', type: 'directory' }] as Item[], /not a regular file/],
    ['an empty tar', [] as Item[], /empty archive/]
  ])('refuses %s', async (_name, items, message) => {
    const drain = async () => {
      for await (const chunk of firstEntryBody(pieces(await makeTar(items)))) void chunk
    }
    await expect(drain()).rejects.toThrow(message)
  })
})

describe('packFiles', () => {
  it('streams files from disk into a tar whose entries read back byte for byte', async () => {
    const a = join(tmp, 'a')
    const b = join(tmp, 'b')
    writeFileSync(a, Buffer.alloc(70_000, 1))
    writeFileSync(b, 'second')
    const packed = packFiles([
      { name: 'ünïcødé ✓.txt', size: 70_000, sourcePath: a },
      { name: 'b.txt', size: 6, sourcePath: b }
    ])
    const extract = tar.extract()
    const seen: Array<[string, number]> = []
    const feeding = (async () => {
      for await (const chunk of packed) extract.write(chunk as Buffer)
      extract.end(null)
    })()
    for await (const entry of extract) {
      let size = 0
      for await (const chunk of entry) size += (chunk as Buffer).length
      seen.push([entry.header.name, size])
    }
    await feeding
    expect(seen).toEqual([
      ['ünïcødé ✓.txt', 70_000],
      ['b.txt', 6]
    ])
  })
})

describe('stat header and names', () => {
  it('decodes X-Docker-Container-Path-Stat and its Go mode bits', () => {
    const header = Buffer.from(JSON.stringify({ name: 'tmp', size: 4096, mode: 2148532735, mtime: 'x', linkTarget: '' })).toString('base64')
    const stat = parsePathStat(header)
    expect(stat && statIsDirectory(stat)).toBe(true)
    expect(stat && statIsSymlink(stat)).toBe(false)
    const link = parsePathStat(Buffer.from(JSON.stringify({ name: 'l', mode: 134218239, linkTarget: '/etc' })).toString('base64'))
    expect(link && statIsSymlink(link)).toBe(true)
    expect(parsePathStat('not base64 json')).toBeUndefined()
    expect(parsePathStat(undefined)).toBeUndefined()
  })

  it.each([
    ['tmp/a/', 'tmp/a'],
    ['/bin/', 'bin'],
    ['./x', 'x'],
    ['/', ''],
    ['./', '']
  ])('normalises %s to %s', (raw, expected) => expect(normaliseEntryName(raw)).toBe(expected))
})
