// @vitest-environment jsdom
/**
 * The image-maintenance views over a fake Berth: removing several selected images (the plans name
 * the containers in the way), the prune dialog's two steps, and the Disk usage page with a
 * clean-up. The real engine behaviour is covered by the integration and e2e tests.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImageSummary } from '../../shared/models'
import { makeImage } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  cleanup()
  world = undefined
})

function planFor(image: ImageSummary, users: Array<{ id: string; name: string; state: string; running: boolean }> = []) {
  return { imageId: image.id, reference: image.id, by: 'id' as const, effect: 'delete' as const, tags: image.repoTags, remainingTags: [], size: image.size, users, children: [] }
}

describe('removing selected images', () => {
  it('lists each image with who uses it, needs a choice when containers are in the way, and reports per image', async () => {
    const user = userEvent.setup()
    const free = makeImage({ repoTags: ['free:1'] })
    const used = makeImage({ repoTags: ['used:1'], containers: 1 })
    world = renderBerth({ images: [free, used], page: 'images' })
    const blocker = { id: 'f'.repeat(64), name: 'blocker', state: 'exited', running: false }
    world.fake.handle('images.removalPlan', ({ id }) => planFor(id === used.id ? used : free, id === used.id ? [blocker] : []))
    world.fake.handle('images.remove', ({ id }) => {
      if (id === free.id) return { untagged: ['free:1'], deleted: [free.id], stoppedContainers: [], removedContainers: [] }
      return { untagged: ['used:1'], deleted: [used.id], stoppedContainers: [], removedContainers: [{ id: blocker.id, name: 'blocker' }] }
    })

    await user.click(await screen.findByRole('checkbox', { name: 'Select all images' }))
    await user.click(within(screen.getByRole('toolbar', { name: 'Selected images' })).getByRole('button', { name: 'Remove selected (2)…' }))
    const dialog = screen.getByRole('dialog', { name: 'Remove 2 images' })
    const table = within(dialog).getByRole('table', { name: 'Images to remove' })
    await waitFor(() => expect(within(table).getByText('blocker')).toBeTruthy())
    const removeButton = within(dialog).getByRole('button', { name: 'Remove 2 images' }) as HTMLButtonElement
    expect(removeButton.disabled).toBe(true)
    await user.click(within(dialog).getByRole('checkbox', { name: 'Remove those containers too' }))
    await user.click(removeButton)
    const outcome = await within(dialog).findByRole('list', { name: 'What happened' })
    await waitFor(() => expect(within(outcome).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['free:1: removed', 'used:1: removed']))
    expect(world.fake.callsTo('images.remove').map((c) => c.input)).toEqual([{ id: free.id }, { id: used.id, removeContainers: [blocker.id] }])
  })
})

describe('prune dialog', () => {
  it('previews, then removes exactly the previewed ids and says what was kept', async () => {
    const user = userEvent.setup()
    world = renderBerth({ images: [], page: 'images' })
    const previewed = ['sha256:' + 'a'.repeat(64), 'sha256:' + 'c'.repeat(64)]
    world.fake.handle('images.prunePreview', ({ mode }) => ({
      mode,
      images: previewed.map((id, i) => ({ id, tags: [], size: 2_000_000, created: 1_700_000_000, uniqueBytes: (i + 1) * 100_000 })),
      reclaimableBytes: 300_000,
      heldByBuildCacheBytes: 0
    }))
    world.fake.handle('images.prune', () => ({
      removed: [{ id: previewed[0], label: '<none> aaaaaaaaaaaa', bytes: 100_000 }],
      refused: [{ id: previewed[1], label: '<none> cccccccccccc', reason: 'used since the preview by late (created)' }],
      reclaimedBytes: 100_000
    }))
    await user.click(await screen.findByRole('button', { name: 'Prune…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Prune images' })
    const table = await within(dialog).findByRole('table', { name: 'Images to remove' })
    expect(within(table).getAllByRole('row')).toHaveLength(3)
    expect(within(dialog).getByText(/reclaiming/).textContent).toContain('300 kB')
    await user.click(within(dialog).getByRole('radio', { name: /^All unused images/ }))
    await waitFor(() => expect(world!.fake.callsTo('images.prunePreview').map((c) => c.input)).toEqual([{ mode: 'dangling' }, { mode: 'unused' }]))
    await user.click(await within(dialog).findByRole('button', { name: 'Remove 2 images' }))
    await within(dialog).findByText(/Removed 1 image and reclaimed/)
    expect(world.fake.callsTo('images.prune').map((c) => c.input)).toEqual([{ ids: previewed }])
    expect(within(dialog).getByRole('list', { name: 'Kept' }).textContent).toContain('used since the preview by late (created)')
  })

  it('refuses a bad label filter before asking', async () => {
    const user = userEvent.setup()
    world = renderBerth({ images: [], page: 'images' })
    world.fake.handle('images.prunePreview', ({ mode }) => ({ mode, images: [], reclaimableBytes: 0, heldByBuildCacheBytes: 0 }))
    await user.click(await screen.findByRole('button', { name: 'Prune…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Prune images' })
    await user.type(within(dialog).getByRole('textbox', { name: 'Only with label (optional)' }), 'bad key=1')
    expect(within(dialog).getByText(/no spaces in the key/)).toBeTruthy()
    expect((within(dialog).getByRole('button', { name: 'Show' }) as HTMLButtonElement).disabled).toBe(true)
  })
})

describe('disk usage page', () => {
  it('shows each kind with its reclaimable share and cleans one up after a preview', async () => {
    const user = userEvent.setup()
    world = renderBerth({ page: 'containers' })
    let volumes = { kind: 'volumes' as const, count: 2, active: 1, totalBytes: 1_000_000, reclaimableBytes: 250_000 }
    world.fake.handle('disk.usage', () => ({
      kinds: [
        { kind: 'images' as const, count: 5, active: 2, totalBytes: 10_000_000, reclaimableBytes: 4_000_000 },
        { kind: 'containers' as const, count: 3, active: 1, totalBytes: 300_000, reclaimableBytes: 100_000 },
        volumes,
        { kind: 'buildCache' as const, count: 0, active: 0, totalBytes: 0, reclaimableBytes: 0 }
      ],
      measuredAt: Date.now()
    }))
    world.fake.handle('disk.cleanupPreview', () => ({ kind: 'volumes' as const, items: [{ id: 'old-data', name: 'old-data', bytes: 250_000, detail: 'no container uses it' }], totalBytes: 250_000, exact: true }))
    world.fake.handle('disk.cleanup', () => {
      volumes = { ...volumes, count: 1, reclaimableBytes: 0 }
      return { kind: 'volumes' as const, removed: [{ id: 'old-data', name: 'old-data', bytes: 250_000 }], skipped: [], reclaimedBytes: 250_000 }
    })
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: /Disk usage/ }))
    const images = await screen.findByRole('region', { name: 'Images' })
    expect(within(images).getByRole('meter', { name: 'Images: reclaimable share' }).getAttribute('aria-valuenow')).toBe('40')
    expect(within(images).getByText('4.0 MB')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Clean up build cache…' }) as HTMLButtonElement).disabled).toBe(true)

    await user.click(screen.getByRole('button', { name: 'Clean up local volumes…' }))
    const dialog = screen.getByRole('dialog', { name: 'Clean up local volumes' })
    await within(dialog).findByRole('cell', { name: 'old-data' })
    await user.click(within(dialog).getByRole('button', { name: 'Remove 1 volume' }))
    await within(dialog).findByText(/Removed 1 volume and reclaimed/)
    expect(world.fake.callsTo('disk.cleanup').map((c) => c.input)).toEqual([{ kind: 'volumes', ids: ['old-data'] }])
    await user.click(within(dialog).getByRole('button', { name: 'Close' }))
    // Closing after a clean-up reads the usage again.
    await waitFor(() => expect(world!.fake.callsTo('disk.usage')).toHaveLength(2))
    const local = screen.getByRole('region', { name: 'Local volumes' })
    await waitFor(() => expect(within(local).getByRole('meter').getAttribute('aria-valuenow')).toBe('0'))
  })
})
