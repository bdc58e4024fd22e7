/** Parsing the browse helper's listing output, and picking a helper image, without an engine. */
import { describe, expect, it } from 'vitest'
import { demultiplex, parseListing } from '../../electron/core/engine/folder-listing'
import { helperPath, volumePathOf } from '../../electron/core/engine/volume-listing'
import { imageFamily, pickHelperImage } from '../../electron/core/engine/volume-helpers'
import { looksLikeTar } from '../../electron/core/handlers/volumes'

function output(statLines: string[], links: Array<[string, string]> = []): Buffer {
  const linkPart = links.map(([name, target]) => `./${name}\0${target}\n\0`).join('')
  return Buffer.from(`${statLines.join('\n')}\n\0${linkPart}`)
}

describe('parseListing', () => {
  it('reads types, sizes, modes, times and link targets; folders first', () => {
    const listing = parseListing(
      output(['81a4 6 1700000000 ./small.txt', '41ed 4096 1700000001 ./docs', 'a1ff 9 1700000002 ./link', '1180 0 1700000003 ./fifo'], [['link', 'small.txt']]),
      '/'
    )
    expect(listing.entries).toEqual([
      { name: 'docs', path: '/docs', type: 'dir', size: 0, mode: 0o755, mtime: 1700000001 },
      { name: 'fifo', path: '/fifo', type: 'other', size: 0, mode: 0o600, mtime: 1700000003 },
      { name: 'link', path: '/link', type: 'symlink', size: 0, mode: 0o777, mtime: 1700000002, linkTarget: 'small.txt' },
      { name: 'small.txt', path: '/small.txt', type: 'file', size: 6, mode: 0o644, mtime: 1700000000 }
    ])
    expect(listing.truncated).toBe(false)
  })

  it('folds a name holding newlines back together, and keeps spaces', () => {
    const listing = parseListing(output(['81a4 1 1 ./new', 'line', 'and more', '81a4 2 2 ./with space'], []), '/dir')
    expect(listing.entries.map((e) => [e.name, e.path])).toEqual([
      ['new\nline\nand more', '/dir/new\nline\nand more'],
      ['with space', '/dir/with space']
    ])
  })

  it('says when there were more entries than it shows', () => {
    const lines = Array.from({ length: 4 }, (_, i) => `81a4 0 0 ./f${i}`)
    const listing = parseListing(output(lines), '/', 3)
    expect(listing.entries).toHaveLength(3)
    expect(listing.truncated).toBe(true)
  })

  it('maps volume paths to the helper and back', () => {
    expect(helperPath('/')).toBe('/berth-volume')
    expect(helperPath('/a/b/')).toBe('/berth-volume/a/b')
    expect(volumePathOf('/berth-volume')).toBe('/')
    expect(volumePathOf('/berth-volume/a')).toBe('/a')
  })
})

describe('demultiplex', () => {
  it('splits stdout from stderr frames', () => {
    const frame = (stream: number, text: string): Buffer => {
      const header = Buffer.alloc(8)
      header[0] = stream
      header.writeUInt32BE(Buffer.byteLength(text), 4)
      return Buffer.concat([header, Buffer.from(text)])
    }
    const { stdout, stderr } = demultiplex(Buffer.concat([frame(1, 'out1 '), frame(2, 'err'), frame(1, 'out2')]))
    expect(stdout.toString()).toBe('out1 out2')
    expect(stderr.toString()).toBe('err')
  })
})

describe('helper image', () => {
  it('knows image families whatever the registry and tag', () => {
    expect(imageFamily('berth-test/busybox:latest')).toBe('busybox')
    expect(imageFamily('registry:5000/library/alpine:3.20')).toBe('alpine')
    expect(imageFamily('opensuse/leap:15')).toBe('opensuse/leap')
    expect(imageFamily('debian@sha256:abcdef')).toBe('debian')
  })
  it('picks the smallest image with a shell; any image only when no shell is needed', () => {
    const images = [
      { Id: 'sha256:1', RepoTags: ['debian:12'], Size: 120_000_000 },
      { Id: 'sha256:2', RepoTags: ['alpine:3'], Size: 7_000_000 },
      { Id: 'sha256:3', RepoTags: ['my/app:1'], Size: 1_000 }
    ]
    expect(pickHelperImage(images, true)).toEqual({ reference: 'alpine:3', hasShell: true })
    expect(pickHelperImage([images[2]], true)).toBeNull()
    expect(pickHelperImage([images[2]], false)).toEqual({ reference: 'my/app:1', hasShell: false })
    expect(pickHelperImage([{ Id: 'sha256:9', RepoTags: null, Size: 1 }], false)).toEqual({ reference: 'sha256:9', hasShell: false })
  })
})

describe('looksLikeTar', () => {
  it('knows plain and compressed tars', () => {
    const plain = Buffer.alloc(512)
    plain.write('ustar', 257, 'latin1')
    expect(looksLikeTar(plain)).toBe(true)
    expect(looksLikeTar(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe(true)
    expect(looksLikeTar(Buffer.from('BZh91AY'))).toBe(true)
    expect(looksLikeTar(Buffer.from('not a tar at all'))).toBe(false)
  })
})
