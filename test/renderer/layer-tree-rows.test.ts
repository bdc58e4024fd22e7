/**
 * The layer tree's rows: compact folding, every-layer mode, guide lines, search, dangling-only,
 * intermediate images and collapsing. The tree itself comes from the core's buildLayerTree.
 */
import { describe, expect, it } from 'vitest'
import { buildLayerTree, type LayerFacts, type TreeImageInput } from '../../electron/core/engine/image-details-tree'
import { branchKeys, treeRows, type TreeRowOptions } from '../../renderer/src/features/image-details/treeRows'

const image = (id: string, tags: string[], chains: string[], parentId = ''): TreeImageInput => ({ id, repoTags: tags, created: 0, size: 0, parentId, chainIds: chains })
const facts = new Map<string, LayerFacts>(
  [['L0', 1000], ['L1', 100], ['L2', 10], ['A1', 7], ['A2', 1], ['B', 3], ['X1', 50], ['X2', 5], ['X3', 2], ['Y', 4]].map(([chain, size]) => [chain as string, { size: size as number, createdBy: `make ${chain}` }])
)
// busybox ← base (2 layers) ← child-a (2 layers), child-b (built through an intermediate step);
// an unrelated 3-layer image and a dangling one that share X1..X2 without any image there.
const tree = buildLayerTree([
  image('busybox', ['busybox:1'], ['L0']),
  image('base', ['base:1'], ['L0', 'L1', 'L2']),
  image('child-a', ['child-a:1'], ['L0', 'L1', 'L2', 'A1', 'A2']),
  image('step-b', [], ['L0', 'L1', 'L2'], 'base'),
  image('child-b', ['child-b:1'], ['L0', 'L1', 'L2', 'B'], 'step-b'),
  image('other', ['other:1'], ['X1', 'X2', 'X3']),
  image('loose', [], ['X1', 'X2', 'Y'])
], facts)

const defaults: TreeRowOptions = { everyLayer: false, showIntermediate: false, danglingOnly: false, search: '', collapsed: new Set() }
const describeRows = (options: Partial<TreeRowOptions> = {}) =>
  treeRows(tree, { ...defaults, ...options }).map((row) => {
    const names = row.images.map((i) => i.repoTags[0] ?? `<none> ${i.id}`).join(',') || '-'
    return `${row.guides.join('/') || '·'} ${row.key} ${names} layers=${row.layers} bytes=${row.bytes}`
  })

describe('treeRows', () => {
  it('compact: images and forks only, plain layers folded into the row below them', () => {
    expect(describeRows()).toEqual([
      '· L0 busybox:1 layers=1 bytes=1000',
      'elbow L2 base:1 layers=2 bytes=110',
      'blank/tee A2 child-a:1 layers=2 bytes=8',
      'blank/elbow B child-b:1 layers=1 bytes=3',
      '· X2 - layers=2 bytes=55',
      'tee X3 other:1 layers=1 bytes=2',
      'elbow Y <none> loose layers=1 bytes=4'
    ])
  })

  it('a folded row lists the instructions of its layers, bottom to top', () => {
    const base = treeRows(tree, defaults).find((row) => row.key === 'L2')
    expect(base?.instructions).toEqual(['make L1', 'make L2'])
  })

  it('every layer: one row per layer, guides down the whole depth', () => {
    expect(describeRows({ everyLayer: true })).toEqual([
      '· L0 busybox:1 layers=1 bytes=1000',
      'elbow L1 - layers=1 bytes=100',
      'blank/elbow L2 base:1 layers=1 bytes=10',
      'blank/blank/tee A1 - layers=1 bytes=7',
      'blank/blank/pipe/elbow A2 child-a:1 layers=1 bytes=1',
      'blank/blank/elbow B child-b:1 layers=1 bytes=3',
      '· X1 - layers=1 bytes=50',
      'elbow X2 - layers=1 bytes=5',
      'blank/tee X3 other:1 layers=1 bytes=2',
      'blank/elbow Y <none> loose layers=1 bytes=4'
    ])
  })

  it('shows intermediate images on their layer when asked', () => {
    const rows = treeRows(tree, { ...defaults, showIntermediate: true })
    expect(rows.find((row) => row.key === 'L2')?.images.map((i) => i.id)).toEqual(['base', 'step-b'])
  })

  it('search keeps the matching images and the path down to them, folded', () => {
    expect(describeRows({ search: 'CHILD-B' })).toEqual(['· B child-b:1 layers=4 bytes=1113'])
    expect(describeRows({ search: 'child' })).toEqual([
      '· L2 - layers=3 bytes=1110',
      'tee A2 child-a:1 layers=2 bytes=8',
      'elbow B child-b:1 layers=1 bytes=3'
    ])
    expect(describeRows({ search: 'nothing-like-this' })).toEqual([])
  })

  it('dangling only keeps untagged leaves', () => {
    expect(describeRows({ danglingOnly: true })).toEqual(['· Y <none> loose layers=3 bytes=59'])
  })

  it('collapsing a row hides what is under it; branchKeys lists what Collapse all folds', () => {
    expect(branchKeys(tree, defaults)).toEqual(['L0', 'L2', 'X2'])
    const rows = treeRows(tree, { ...defaults, collapsed: new Set(['L2']) })
    expect(rows.map((row) => row.key)).toEqual(['L0', 'L2', 'X2', 'X3', 'Y'])
    expect(rows[1]).toMatchObject({ hasChildren: true, expanded: false, parentRow: 0, position: 1, siblings: 1 })
  })
})
