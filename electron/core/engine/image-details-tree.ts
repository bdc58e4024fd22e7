/**
 * The layer tree across all images, from each image's chain ids (image-details-history.ts) and
 * what is known of each layer (its size and the step that made it). Pure: the engine reads are
 * in image-details-facts.ts.
 *
 * A node is a chain id, so a node is shared exactly when images share that layer and everything
 * below it; an image hangs on the node of its top layer. Intermediate images (untagged parents
 * left by the classic builder) are shown but do not count as users of a layer: removing their
 * child removes them too, so counting them would make every built layer look shared.
 */
import type { LayerTree, LayerTreeImage, LayerTreeNode } from '../../../shared/image-details-models'

export interface TreeImageInput {
  id: string
  repoTags: string[]
  created: number
  size: number
  /** The local parent image id ('' when none). */
  parentId: string
  /** Chain ids bottom to top. */
  chainIds: readonly string[]
}

export interface LayerFacts {
  size: number
  createdBy: string
}

const MAX_CREATED_BY = 300
const UNKNOWN_LAYER: LayerFacts = { size: 0, createdBy: '' }

interface WorkNode {
  chainId: string
  parentChain: string | null
  children: string[]
  images: number[]
  facts: LayerFacts
  usedBy: number
  sortKey: string
}

/** Tagged images by their first tag, untagged ones after them (by id). */
function imageSortKey(image: TreeImageInput): string {
  return image.repoTags[0] ?? `\uffff${image.id}`
}

function clip(text: string): string {
  return text.length > MAX_CREATED_BY ? `${text.slice(0, MAX_CREATED_BY - 1)}…` : text
}

export function buildLayerTree(inputs: readonly TreeImageInput[], facts: ReadonlyMap<string, LayerFacts>): Omit<LayerTree, 'stats'> {
  const parents = new Set(inputs.map((image) => image.parentId).filter(Boolean))
  const isIntermediate = (image: TreeImageInput): boolean => image.repoTags.length === 0 && parents.has(image.id)

  const work = new Map<string, WorkNode>()
  inputs.forEach((image, index) => {
    image.chainIds.forEach((chainId, depth) => {
      let node = work.get(chainId)
      if (!node) {
        const parentChain = depth === 0 ? null : image.chainIds[depth - 1]
        node = { chainId, parentChain, children: [], images: [], facts: facts.get(chainId) ?? UNKNOWN_LAYER, usedBy: 0, sortKey: '\uffff' }
        work.set(chainId, node)
        if (parentChain) work.get(parentChain)?.children.push(chainId)
      }
      if (!isIntermediate(image)) node.usedBy++
    })
    const top = image.chainIds[image.chainIds.length - 1]
    if (top) work.get(top)?.images.push(index)
  })

  // A subtree sorts by the smallest label under it, so an image's family stays together.
  const roots = [...work.values()].filter((node) => node.parentChain === null)
  const postOrder = depthFirst(roots, work).reverse()
  for (const node of postOrder) {
    for (const index of node.images) if (imageSortKey(inputs[index]) < node.sortKey) node.sortKey = imageSortKey(inputs[index])
    for (const child of node.children) {
      const key = work.get(child)?.sortKey ?? '\uffff'
      if (key < node.sortKey) node.sortKey = key
    }
  }
  const bySortKey = (a: string, b: string): number => {
    const ka = work.get(a)?.sortKey ?? ''
    const kb = work.get(b)?.sortKey ?? ''
    return ka < kb ? -1 : ka > kb ? 1 : 0
  }
  for (const node of work.values()) node.children.sort(bySortKey)
  // On one layer: tagged images by tag, then dangling ones, then intermediate ones.
  const rank = (index: number): string => `${isIntermediate(inputs[index]) ? 1 : 0}${imageSortKey(inputs[index])}`
  for (const node of work.values()) node.images.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0))
  roots.sort((a, b) => bySortKey(a.chainId, b.chainId))

  const nodes: LayerTreeNode[] = []
  const indexByChain = new Map<string, number>()
  for (const node of depthFirst(roots, work)) {
    const parent = node.parentChain === null ? -1 : (indexByChain.get(node.parentChain) ?? -1)
    indexByChain.set(node.chainId, nodes.length)
    nodes.push({
      chainId: node.chainId,
      parent,
      size: node.facts.size,
      cumulativeSize: (parent >= 0 ? nodes[parent].cumulativeSize : 0) + node.facts.size,
      createdBy: clip(node.facts.createdBy),
      usedBy: node.usedBy,
      images: node.images
    })
  }

  const images: LayerTreeImage[] = inputs.map((image) => {
    const intermediate = isIntermediate(image)
    let uniqueSize = 0
    let layerSize = 0
    for (const chainId of image.chainIds) {
      const node = work.get(chainId)
      if (!node) continue
      layerSize += node.facts.size
      if (!intermediate && node.usedBy === 1) uniqueSize += node.facts.size
    }
    const top = image.chainIds[image.chainIds.length - 1]
    return {
      id: image.id,
      repoTags: image.repoTags,
      created: image.created,
      size: image.size,
      node: top === undefined ? -1 : (indexByChain.get(top) ?? -1),
      dangling: image.repoTags.length === 0 && !parents.has(image.id),
      intermediate,
      uniqueSize,
      sharedSize: layerSize - uniqueSize
    }
  })

  return {
    nodes,
    images,
    totals: {
      layerBytes: nodes.reduce((sum, node) => sum + node.size, 0),
      imageBytes: images.reduce((sum, image) => sum + (image.intermediate ? 0 : image.size), 0)
    }
  }
}

/** Pre-order walk without recursion (a stack of layers can be 127 deep; lists can be long). */
function depthFirst(roots: readonly WorkNode[], work: ReadonlyMap<string, WorkNode>): WorkNode[] {
  const order: WorkNode[] = []
  const stack = [...roots].reverse()
  while (stack.length > 0) {
    const node = stack.pop() as WorkNode
    order.push(node)
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = work.get(node.children[i])
      if (child) stack.push(child)
    }
  }
  return order
}
