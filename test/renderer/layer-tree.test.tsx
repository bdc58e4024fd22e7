// @vitest-environment jsdom
/**
 * The Layer tree view over a fake engine: rows for images and forks, search from the toolbar,
 * collapsing by mouse and keyboard, opening an image, and a re-read when the images list changes.
 */
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { buildLayerTree, type LayerFacts, type TreeImageInput } from '../../electron/core/engine/image-details-tree'
import type { LayerTree } from '../../shared/image-details-models'
import { makeImage } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  cleanup()
  world = undefined
})

const image = (id: string, tags: string[], chains: string[]): TreeImageInput => ({ id: `sha256:${id.padEnd(64, '0')}`, repoTags: tags, created: 0, size: 0, parentId: '', chainIds: chains })
const facts = new Map<string, LayerFacts>([['L0', { size: 2_000_000, createdBy: 'ADD rootfs' }], ['L1', { size: 20_000, createdBy: 'RUN make base' }], ['A', { size: 3_000, createdBy: 'RUN make a' }], ['B', { size: 5_000, createdBy: 'RUN make b' }]])

function treeOf(inputs: TreeImageInput[]): LayerTree {
  return { ...buildLayerTree(inputs, facts), stats: { images: inputs.length, inspected: 0, histories: 0, ms: 1 } }
}

function openTree(tree: () => LayerTree): World {
  const w = renderBerth({ images: [makeImage({ repoTags: ['app-a:1'] })], page: 'images' })
  w.fake.handle('images.layerTree', () => tree())
  act(() => w.stores.views.getState().setImagesView('tree'))
  return w
}

describe('layer tree view', () => {
  const family = [image('aa', ['busybox:1'], ['L0']), image('bb', ['base:1'], ['L0', 'L1']), image('cc', ['app-a:1'], ['L0', 'L1', 'A']), image('dd', ['app-b:1'], ['L0', 'L1', 'B'])]

  it('draws the base and both images built FROM it one level below, with sizes', async () => {
    world = openTree(() => treeOf(family))
    const base = await screen.findByRole('treeitem', { name: /^base:1,/ })
    expect(base.getAttribute('aria-level')).toBe('2')
    expect(screen.getByRole('treeitem', { name: /^app-a:1,/ }).getAttribute('aria-level')).toBe('3')
    expect(screen.getByRole('treeitem', { name: /^app-b:1,/ }).getAttribute('aria-level')).toBe('3')
    expect(within(base).getByText('shared by 3')).toBeTruthy()
    expect(within(screen.getByRole('treeitem', { name: /^app-a:1,/ })).getByText('+3.0 kB')).toBeTruthy()
    expect(screen.getByText(/4 images · 4 layers/)).toBeTruthy()
  })

  it('filters with the toolbar search, collapses by mouse and keyboard, opens an image', async () => {
    const user = userEvent.setup()
    world = openTree(() => treeOf(family))
    const base = await screen.findByRole('treeitem', { name: /^base:1,/ })
    await user.click(within(base).getByRole('button', { name: /^Collapse / }))
    expect(screen.queryByRole('treeitem', { name: /^app-a:1,/ })).toBeNull()
    base.focus()
    await user.keyboard('{ArrowRight}')
    expect(await screen.findByRole('treeitem', { name: /^app-a:1,/ })).toBeTruthy()

    await user.type(screen.getByRole('searchbox', { name: 'Search images' }), 'app-b')
    await waitFor(() => expect(screen.getAllByRole('treeitem').map((row) => row.getAttribute('aria-label')?.split(',')[0])).toEqual(['app-b:1']))

    await user.click(screen.getByRole('button', { name: 'Open app-b:1' }))
    expect(world.stores.views.getState().openImageId).toBe(family[3].id)
  })

  it('reads the tree again when the images list changes', async () => {
    let inputs = family.slice(0, 3)
    world = openTree(() => treeOf(inputs))
    await screen.findByRole('treeitem', { name: /^app-a:1,/ })
    inputs = family
    world.images = [...world.images, makeImage({ repoTags: ['app-b:1'] })]
    act(() => world!.fake.emit({ type: 'image', action: 'tag', id: family[3].id }))
    expect(await screen.findByRole('treeitem', { name: /^app-b:1,/ })).toBeTruthy()
  })
})
