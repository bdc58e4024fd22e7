/**
 * The layer tree's arithmetic without an engine: chain ids (checked against ids dockerd 20.10
 * wrote into its own layer database), readable history, which history step made which layer,
 * and the tree (shared nodes, cumulative sizes, unique vs shared bytes, dangling/intermediate).
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { chainIds, matchStepsToLayers, readableInstruction } from '../../electron/core/engine/image-details-history'
import { layerFactsFromHistory } from '../../electron/core/engine/image-details-facts'
import { buildLayerTree, type LayerFacts, type TreeImageInput } from '../../electron/core/engine/image-details-tree'

const sha = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`

describe('chainIds', () => {
  it('matches the chain ids dockerd 20.10 keeps in image/overlay2/layerdb (captured from the test engine)', () => {
    // `docker image inspect` RootFS.Layers of an image built FROM the busybox test image with two RUN steps,
    // and the layerdb directories whose `diff` files hold those diff ids.
    const diffIds = [
      'sha256:647fa56fabd9939ec94753288aaa08cd8bf601dcddb71c5bcd61b7c079cad5b6',
      'sha256:c1ec7799d80989db5e6800c612b201e06d12e24b997dbeb0b2da8c39b7891a55',
      'sha256:09d116fc815c22d8ea97b5cfe9dbb39a12e7fd43a9140ceb8c5cec694ba8147c'
    ]
    expect(chainIds(diffIds)).toEqual([
      'sha256:647fa56fabd9939ec94753288aaa08cd8bf601dcddb71c5bcd61b7c079cad5b6',
      'sha256:8a7ebd3e37c853bb355764b14d48b213ac2d24c4e01d5bca425f4aba09d66961',
      'sha256:8993cd79fa054b93991acc2baefcaf728d3644d2fc454573caca5a7f307fd739'
    ])
  })

  const table: Array<[string, string[], string[]]> = [
    ['no layers', [], []],
    ['one layer: its diff id', ['sha256:aa'], ['sha256:aa']],
    ['two layers', ['sha256:aa', 'sha256:bb'], ['sha256:aa', sha('sha256:aa sha256:bb')]],
    ['three layers chain on the previous chain id', ['sha256:aa', 'sha256:bb', 'sha256:cc'], ['sha256:aa', sha('sha256:aa sha256:bb'), sha(`${sha('sha256:aa sha256:bb')} sha256:cc`)]],
    ['the same diff on another base is another chain', ['sha256:zz', 'sha256:bb'], ['sha256:zz', sha('sha256:zz sha256:bb')]]
  ]
  it.each(table)('%s', (_name, diffIds, expected) => {
    expect(chainIds(diffIds)).toEqual(expected)
  })
})

describe('readableInstruction', () => {
  const table: Array<[string, string]> = [
    ['/bin/sh -c #(nop)  CMD ["/bin/sh"]', 'CMD ["/bin/sh"]'],
    ['/bin/sh -c #(nop) ADD file:1b2c3d in / ', 'ADD file:1b2c3d in /'],
    ['/bin/sh -c #(nop)  ENV A=b', 'ENV A=b'],
    ['/bin/sh -c echo one > /one', 'RUN echo one > /one'],
    ['|2 A=1 B=two /bin/sh -c make $A', 'RUN make $A  (build args: A=1 B=two)'],
    ['RUN /bin/sh -c apk add curl # buildkit', 'RUN apk add curl'],
    ['RUN |1 V=3 /bin/sh -c echo $V # buildkit', 'RUN echo $V  (build args: V=3)'],
    ['COPY app /srv # buildkit', 'COPY app /srv'],
    ['ENV PATH=/usr/bin', 'ENV PATH=/usr/bin'],
    ['WORKDIR /app', 'WORKDIR /app'],
    ['cmd /S /C #(nop)  WORKDIR C:\\app', 'WORKDIR C:\\app'],
    ['', ''],
    ['sh -c trap "exit 0" TERM; sleep 3600', 'sh -c trap "exit 0" TERM; sleep 3600']
  ]
  it.each(table)('%j → %j', (raw, readable) => {
    expect(readableInstruction(raw)).toBe(readable)
  })
})

describe('matchStepsToLayers', () => {
  const step = (createdBy: string, size: number) => ({ createdBy, size })
  const table: Array<[string, Array<{ createdBy: string; size: number }>, number, number[]]> = [
    ['sized steps made the layers; config steps none', [step('ADD x', 100), step('ENV A=b', 0), step('RUN make', 20), step('CMD ["sh"]', 0)], 2, [0, -1, 1, -1]],
    ['a RUN that changed nothing made a 0-byte layer', [step('ADD x', 100), step('RUN true', 0), step('ENV A=b', 0), step('RUN make', 20)], 3, [0, 1, -1, 2]],
    ['a zero-size RUN without a spare layer made none', [step('ADD x', 100), step('RUN true', 0), step('RUN make', 20)], 2, [0, -1, 1]],
    ['WORKDIR is chosen only after RUN/COPY', [step('ADD x', 100), step('WORKDIR /a', 0), step('COPY . .', 0)], 2, [0, -1, 1]],
    ['WORKDIR made a layer when nothing else can have', [step('ADD x', 100), step('WORKDIR /a', 0), step('LABEL a=b', 0)], 2, [0, 1, -1]],
    ['config-only steps never make layers', [step('ADD x', 100), step('LABEL a=b', 0)], 2, [0, -1]],
    ['a corrupt history with more sized steps than layers stops at the last layer', [step('ADD x', 1), step('RUN a', 2)], 1, [0, -1]],
    ['no history at all', [], 2, []]
  ]
  it.each(table)('%s', (_name, steps, layers, expected) => {
    expect(matchStepsToLayers(steps, layers)).toEqual(expected)
  })
})

describe('layerFactsFromHistory', () => {
  it('reads the engine answer newest first and gives each layer its size and instruction', () => {
    // The shape GET /images/{id}/history returned for the image in the chainIds test above (trimmed).
    const history = [
      { CreatedBy: '/bin/sh -c #(nop)  LABEL x=y', Size: 0 },
      { CreatedBy: '/bin/sh -c echo two > /two', Size: 4 },
      { CreatedBy: '/bin/sh -c #(nop)  ENV A=b', Size: 0 },
      { CreatedBy: '/bin/sh -c echo one > /one', Size: 4 },
      { CreatedBy: '', Comment: 'Imported from -', Size: 1985597 }
    ]
    const facts = layerFactsFromHistory(history, ['c0', 'c1', 'c2'])
    expect([...facts]).toEqual([
      ['c0', { size: 1985597, createdBy: 'Imported from -' }],
      ['c1', { size: 4, createdBy: 'RUN echo one > /one' }],
      ['c2', { size: 4, createdBy: 'RUN echo two > /two' }]
    ])
  })
})

describe('buildLayerTree', () => {
  const image = (id: string, tags: string[], chains: string[], parentId = ''): TreeImageInput => ({ id, repoTags: tags, created: 0, size: 0, parentId, chainIds: chains })
  const facts = new Map<string, LayerFacts>([
    ['L0', { size: 1000, createdBy: 'ADD rootfs' }],
    ['L1', { size: 100, createdBy: 'RUN one' }],
    ['L2', { size: 10, createdBy: 'RUN two' }],
    ['A', { size: 7, createdBy: 'RUN a' }],
    ['B', { size: 3, createdBy: 'RUN b' }],
    ['X', { size: 50, createdBy: 'ADD other' }]
  ])
  // busybox ← base ← child-a, child-b (child-b via a classic build's intermediate image), plus an unrelated image.
  const inputs = [
    image('step-b', [], ['L0', 'L1', 'L2'], 'base'),
    image('child-b', ['child-b:1'], ['L0', 'L1', 'L2', 'B'], 'step-b'),
    image('base', ['base:1'], ['L0', 'L1', 'L2']),
    image('busybox', ['busybox:1'], ['L0']),
    image('child-a', ['child-a:1'], ['L0', 'L1', 'L2', 'A']),
    image('other', [], ['X'])
  ]
  const tree = buildLayerTree(inputs, facts)
  const byChain = new Map(tree.nodes.map((node, index) => [node.chainId, { node, index }]))
  const imageNamed = (id: string) => tree.images.find((i) => i.id === id)!

  it('has one node per distinct chain, parents before children, children sorted by the images under them', () => {
    expect(tree.nodes.map((n) => n.chainId)).toEqual(['L0', 'L1', 'L2', 'A', 'B', 'X'])
    for (const [index, node] of tree.nodes.entries()) expect(node.parent).toBeLessThan(index)
    expect(tree.nodes.map((n) => (n.parent < 0 ? null : tree.nodes[n.parent].chainId))).toEqual([null, 'L0', 'L1', 'L2', 'L2', null])
  })

  it('hangs each image on its top layer; images sharing a base share its nodes', () => {
    const top = (id: string) => tree.nodes[imageNamed(id).node].chainId
    expect([top('busybox'), top('base'), top('step-b'), top('child-a'), top('child-b'), top('other')]).toEqual(['L0', 'L2', 'L2', 'A', 'B', 'X'])
    // On one layer, tagged images come before intermediate ones.
    expect(byChain.get('L2')!.node.images.map((i) => tree.images[i].id)).toEqual(['base', 'step-b'])
  })

  it('adds up sizes: own, cumulative, unique and shared (intermediate images are not users)', () => {
    const row = (chain: string) => [byChain.get(chain)!.node.size, byChain.get(chain)!.node.cumulativeSize, byChain.get(chain)!.node.usedBy]
    expect(Object.fromEntries(['L0', 'L1', 'L2', 'A', 'B', 'X'].map((c) => [c, row(c)]))).toEqual({
      L0: [1000, 1000, 4], L1: [100, 1100, 3], L2: [10, 1110, 3], A: [7, 1117, 1], B: [3, 1113, 1], X: [50, 50, 1]
    })
    const sizes = (id: string) => [imageNamed(id).uniqueSize, imageNamed(id).sharedSize]
    expect(sizes('child-a')).toEqual([7, 1110])
    expect(sizes('child-b')).toEqual([3, 1110])
    expect(sizes('base')).toEqual([0, 1110])
    expect(sizes('busybox')).toEqual([0, 1000])
    expect(sizes('other')).toEqual([50, 0])
    expect(sizes('step-b')).toEqual([0, 1110])
    expect(tree.totals.layerBytes).toBe(1000 + 100 + 10 + 7 + 3 + 50)
  })

  it('marks untagged images: dangling when nothing is built on them, intermediate when something is', () => {
    const marks = (id: string) => [imageNamed(id).dangling, imageNamed(id).intermediate]
    expect(marks('other')).toEqual([true, false])
    expect(marks('step-b')).toEqual([false, true])
    expect(marks('base')).toEqual([false, false])
  })

  it('keeps images without layers (FROM scratch with only config) at node -1, and unknown layers at 0 bytes', () => {
    const empty = buildLayerTree([image('scratchy', ['s:1'], []), image('unknown', ['u:1'], ['Q'])], facts)
    expect(empty.images.map((i) => i.node)).toEqual([-1, 0])
    expect(empty.nodes[0]).toMatchObject({ chainId: 'Q', size: 0, createdBy: '' })
  })
})
