/**
 * The layer tree as rows to draw: which layers are shown, how deep, with which guide lines,
 * folded how. Pure (unit-tested in test/renderer/layer-tree-rows.test.ts).
 *
 * Compact mode (the default) shows only the layers people navigate by: layers some shown image
 * ends on, and layers where images part ways (two or more shown branches). The plain layers in
 * between fold into the row below them ("+3 layers"), their bytes added to it, so an image
 * built FROM a base appears directly under that base. "Every layer" shows one row per layer.
 */
import type { LayerTree, LayerTreeImage } from '../../../../shared/image-details-models'

/** What the rows are made of (the tree's totals and stats are not needed). */
export type TreeData = Pick<LayerTree, 'nodes' | 'images'>

export type Guide = 'pipe' | 'blank' | 'tee' | 'elbow'

export interface TreeRow {
  /** The row's layer chain id: stable across reads, so it keys rows and the collapsed set. */
  key: string
  node: number
  depth: number
  /** One per level: the lines that lead from the ancestors down to this row. */
  guides: Guide[]
  images: LayerTreeImage[]
  /** Layers this row stands for: itself plus the plain layers folded above it. */
  layers: number
  /** Bytes of those layers. */
  bytes: number
  cumulativeSize: number
  usedBy: number
  /** The instructions of this row's layers, bottom to top (one, unless layers are folded into it). */
  instructions: string[]
  hasChildren: boolean
  expanded: boolean
  /** The visible parent row's index in the returned list (-1 at the top). */
  parentRow: number
  /** Position among its shown siblings, 1-based, and how many there are (aria-posinset/setsize). */
  position: number
  siblings: number
}

export interface TreeRowOptions {
  everyLayer: boolean
  showIntermediate: boolean
  danglingOnly: boolean
  search: string
  collapsed: ReadonlySet<string>
}

export function imageMatches(image: LayerTreeImage, words: readonly string[]): boolean {
  if (words.length === 0) return true
  const haystack = [...image.repoTags, image.id].join('\n').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

export function searchWords(search: string): string[] {
  return search.trim().toLowerCase().split(/\s+/).filter(Boolean)
}

/** Shown parent (index in tree.nodes, -1 for none) and shown children of every shown node. */
interface ShownTree {
  roots: number[]
  children: Map<number, number[]>
  shownParent: Map<number, number>
  imagesAt: Map<number, LayerTreeImage[]>
}

function shownTree(tree: TreeData, options: TreeRowOptions): ShownTree {
  const words = searchWords(options.search)
  const imagesAt = new Map<number, LayerTreeImage[]>()
  // Each node lists its images in the order the core chose (tagged, dangling, intermediate).
  tree.nodes.forEach((node, index) => {
    for (const imageIndex of node.images) {
      const image = tree.images[imageIndex]
      if (image.intermediate && !options.showIntermediate) continue
      if (options.danglingOnly && !image.dangling) continue
      if (!imageMatches(image, words)) continue
      const list = imagesAt.get(index)
      if (list) list.push(image)
      else imagesAt.set(index, [image])
    }
  })
  // A layer is needed when a shown image stands on it; counts of needed children find forks.
  const needed = new Uint8Array(tree.nodes.length)
  const neededChildren = new Uint32Array(tree.nodes.length)
  for (const start of imagesAt.keys()) {
    for (let at = start; at >= 0 && !needed[at]; at = tree.nodes[at].parent) {
      needed[at] = 1
      if (tree.nodes[at].parent >= 0) neededChildren[tree.nodes[at].parent]++
    }
  }
  const shown = (index: number): boolean => options.everyLayer || imagesAt.has(index) || neededChildren[index] >= 2
  const result: ShownTree = { roots: [], children: new Map(), shownParent: new Map(), imagesAt }
  // Nodes come parents first, so each node's nearest shown ancestor is already known.
  const nearestShown = new Int32Array(tree.nodes.length).fill(-1)
  tree.nodes.forEach((node, index) => {
    if (!needed[index]) return
    const above = node.parent < 0 ? -1 : shown(node.parent) ? node.parent : nearestShown[node.parent]
    nearestShown[index] = above
    if (!shown(index)) return
    result.shownParent.set(index, above)
    if (above < 0) result.roots.push(index)
    else {
      const list = result.children.get(above)
      if (list) list.push(index)
      else result.children.set(above, [index])
    }
  })
  return result
}

export function treeRows(tree: TreeData, options: TreeRowOptions): TreeRow[] {
  const shownNodes = shownTree(tree, options)
  const rows: TreeRow[] = []
  // Iterative pre-order: [node, depth, guides leading to it, parent row, position, siblings].
  type Item = [number, number, Guide[], number, number, number]
  const stack: Item[] = []
  const pushSiblings = (list: readonly number[], depth: number, lead: Guide[], parentRow: number): void => {
    for (let i = list.length - 1; i >= 0; i--) {
      const last = i === list.length - 1
      stack.push([list[i], depth, depth === 0 ? [] : [...lead, last ? 'elbow' : 'tee'], parentRow, i + 1, list.length])
    }
  }
  pushSiblings(shownNodes.roots, 0, [], -1)
  while (stack.length > 0) {
    const [index, depth, guides, parentRow, position, siblings] = stack.pop() as Item
    const node = tree.nodes[index]
    const above = shownNodes.shownParent.get(index) ?? -1
    const children = shownNodes.children.get(index) ?? []
    const expanded = children.length > 0 && !options.collapsed.has(node.chainId)
    const instructions = [node.createdBy]
    for (let at = node.parent; at !== above && at >= 0; at = tree.nodes[at].parent) instructions.unshift(tree.nodes[at].createdBy)
    rows.push({
      key: node.chainId,
      node: index,
      depth,
      guides,
      images: shownNodes.imagesAt.get(index) ?? [],
      layers: instructions.length,
      bytes: node.cumulativeSize - (above >= 0 ? tree.nodes[above].cumulativeSize : 0),
      cumulativeSize: node.cumulativeSize,
      usedBy: node.usedBy,
      instructions,
      hasChildren: children.length > 0,
      expanded,
      parentRow,
      position,
      siblings
    })
    if (expanded) {
      // Below this row, its own connector becomes a pipe (more siblings follow) or blank (it was the last).
      const lead: Guide[] = guides.map((g) => (g === 'tee' ? 'pipe' : g === 'elbow' ? 'blank' : g))
      pushSiblings(children, depth + 1, lead, rows.length - 1)
    }
  }
  return rows
}

/** Every row key that has children: what "Collapse all" collapses. */
export function branchKeys(tree: TreeData, options: TreeRowOptions): string[] {
  return treeRows(tree, { ...options, collapsed: new Set() })
    .filter((row) => row.hasChildren)
    .map((row) => row.key)
}
