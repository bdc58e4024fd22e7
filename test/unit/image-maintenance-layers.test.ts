/**
 * Layer accounting without an engine: history entries mapped onto layers (config-only
 * instructions are not layers, zero-byte RUN layers are), and the bytes freed when a set of
 * images goes (a layer counts once, and only when no remaining image stands on it).
 */
import { describe, expect, it } from 'vitest'
import { chainIds, freedLayers, layersFromHistory, totalBytes, type ImageLayers } from '../../electron/core/engine/images-layers'

const newestFirst = (...entries: Array<{ Size: number; CreatedBy: string; Comment?: string }>) => [...entries].reverse()

describe('layersFromHistory', () => {
  it('skips config-only entries and takes a zero-byte RUN as a layer', () => {
    const history = newestFirst(
      { Size: 1000, CreatedBy: '' },
      { Size: 500, CreatedBy: '/bin/sh -c head -c 500 /dev/urandom > /a' },
      { Size: 0, CreatedBy: '/bin/sh -c true' },
      { Size: 0, CreatedBy: '/bin/sh -c #(nop)  ENV A=b' },
      { Size: 0, CreatedBy: 'CMD ["sh"]', Comment: 'buildkit.dockerfile.v0' }
    )
    expect(layersFromHistory(history, 3, 1500)).toEqual({ sizes: [1000, 500, 0], buildkit: [false, false, false] })
  })

  it('marks BuildKit layers', () => {
    const history = newestFirst({ Size: 10, CreatedBy: '' }, { Size: 20, CreatedBy: 'RUN /bin/sh -c x # buildkit', Comment: 'buildkit.dockerfile.v0' })
    expect(layersFromHistory(history, 2, 30).buildkit).toEqual([false, true])
  })

  it('puts everything on the top layer when history disagrees with the size', () => {
    expect(layersFromHistory(newestFirst({ Size: 10, CreatedBy: '' }), 2, 99)).toEqual({ sizes: [0, 99], buildkit: [false, false] })
    expect(layersFromHistory([], 1, 7)).toEqual({ sizes: [7], buildkit: [false] })
  })
})

describe('chainIds', () => {
  it('starts with the first diff id and chains the rest through sha256', () => {
    const chain = chainIds(['sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64)])
    expect(chain[0]).toBe('sha256:' + 'a'.repeat(64))
    expect(chain[1]).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(chainIds(['sha256:' + 'a'.repeat(64), 'sha256:' + 'c'.repeat(64)])[1]).not.toBe(chain[1])
  })
})

describe('freedLayers', () => {
  const image = (chain: string[], sizes: number[]): ImageLayers => ({ chain, sizes, buildkit: sizes.map(() => false) })
  const all = new Map<string, ImageLayers>([
    ['base', image(['L1'], [100])],
    ['a', image(['L1', 'A'], [100, 10])],
    ['b', image(['L1', 'A', 'B'], [100, 10, 20])],
    ['c', image(['L1', 'C'], [100, 30])]
  ])

  it('counts only layers no remaining image uses, each once', () => {
    expect(totalBytes(freedLayers(all, new Set(['b'])).values())).toBe(20)
    // A is shared by a and b only: it goes when both go.
    expect(totalBytes(freedLayers(all, new Set(['a', 'b'])).values())).toBe(30)
    expect(totalBytes(freedLayers(all, new Set(['a'])).values())).toBe(0)
    expect(totalBytes(freedLayers(all, new Set(['a', 'b', 'c', 'base'])).values())).toBe(160)
  })
})
