// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { formatBytes, formatRelative } from '../../renderer/src/lib/format'
import { makeContainer, makeEngine, makeImage } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  cleanup()
  world = undefined
})

describe('virtualized containers grid', () => {
  it('renders only a window of 5,000 rows and keeps aria-rowcount for all of them', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => makeContainer({ name: `svc-${String(i).padStart(4, '0')}` }))
    world = renderBerth({ containers: many })
    await screen.findByRole('row', { name: 'svc-0000' })
    const grid = screen.getByRole('grid', { name: 'Containers' })
    expect(grid.getAttribute('aria-rowcount')).toBe('5001')
    const rendered = within(grid).getAllByRole('row').length
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(60)
    expect(screen.queryByRole('row', { name: 'svc-4999' })).toBeNull()
  })
})

describe('images page', () => {
  it('shows repository, tag, size, usage; filters dangling; names the containers in the way, then removes with Force', async () => {
    const user = userEvent.setup()
    const tagged = makeImage({ repoTags: ['registry.local:5000/team/app:1.2'], size: 1_200_000, containers: 3 })
    const dangling = makeImage({ repoTags: [], dangling: true, size: 734_000 })
    world = renderBerth({ images: [tagged, dangling], page: 'images' })
    const users = ['web', 'worker', 'old'].map((name, i) => ({ id: `c${i}`.padEnd(64, '0'), name, state: 'exited', running: false }))
    world.fake.handle('images.removalPlan', () => ({
      imageId: tagged.id,
      reference: 'registry.local:5000/team/app:1.2',
      by: 'tag' as const,
      effect: 'delete' as const,
      tags: tagged.repoTags,
      remainingTags: [],
      size: tagged.size,
      users,
      children: []
    }))
    world.fake.handle('images.remove', () => ({ untagged: tagged.repoTags, deleted: [tagged.id], stoppedContainers: [], removedContainers: [] }))

    const row = await screen.findByRole('row', { name: 'registry.local:5000/team/app:1.2' })
    expect(within(row).getByText('registry.local:5000/team/app')).toBeTruthy()
    expect(within(row).getByText('1.2')).toBeTruthy()
    expect(within(row).getByText('1.2 MB')).toBeTruthy()
    expect(within(row).getByText('used by 3 containers')).toBeTruthy()
    const danglingLabel = `<none> ${dangling.id.slice(7, 19)}`
    expect(within(screen.getByRole('row', { name: danglingLabel })).getByText('unused')).toBeTruthy()

    await user.click(screen.getByRole('checkbox', { name: 'Dangling only' }))
    expect(screen.queryByRole('row', { name: 'registry.local:5000/team/app:1.2' })).toBeNull()
    await user.click(screen.getByRole('checkbox', { name: 'Dangling only' }))

    await user.click(screen.getByRole('button', { name: 'Remove registry.local:5000/team/app:1.2' }))
    const dialog = screen.getByRole('dialog', { name: 'Remove image registry.local:5000/team/app:1.2' })
    const inTheWay = await within(dialog).findByRole('list', { name: 'Containers using this image' })
    expect(within(inTheWay).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['web (exited)', 'worker (exited)', 'old (exited)'])
    // Nothing chosen yet: the engine would refuse, so Remove waits for a choice.
    expect((within(dialog).getByRole('button', { name: 'Remove' }) as HTMLButtonElement).disabled).toBe(true)
    await user.click(within(dialog).getByRole('checkbox', { name: 'Force' }))
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(world!.fake.callsTo('images.remove')).toEqual([{ method: 'images.remove', input: { id: tagged.id, force: true } }]))
    expect(await screen.findByText(/registry.local:5000\/team\/app:1.2: untagged .*deleted the image/)).toBeTruthy()

    // The list changes only when the engine's image event triggers a re-read.
    world.images = [dangling]
    act(() => world!.fake.emit({ type: 'image', action: 'delete', id: tagged.id }))
    await waitFor(() => expect(screen.queryByRole('row', { name: 'registry.local:5000/team/app:1.2' })).toBeNull())
  })

  it('"Remove those containers too" asks before stopping a running one, naming it', async () => {
    const user = userEvent.setup()
    const image = makeImage({ repoTags: ['app:1'], containers: 2 })
    world = renderBerth({ images: [image], page: 'images' })
    const users = [
      { id: 'a'.repeat(64), name: 'api', state: 'running', running: true },
      { id: 'b'.repeat(64), name: 'batch', state: 'exited', running: false }
    ]
    world.fake.handle('images.removalPlan', () => ({ imageId: image.id, reference: 'app:1', by: 'tag' as const, effect: 'delete' as const, tags: ['app:1'], remainingTags: [], size: 1, users, children: [] }))
    world.fake.handle('images.remove', () => ({ untagged: ['app:1'], deleted: [image.id], stoppedContainers: [{ id: users[0].id, name: 'api' }], removedContainers: users.map(({ id, name }) => ({ id, name })) }))

    await user.click(await screen.findByRole('button', { name: 'Remove app:1' }))
    const dialog = screen.getByRole('dialog', { name: 'Remove image app:1' })
    await within(dialog).findByRole('list', { name: 'Containers using this image' })
    expect((within(dialog).getByRole('checkbox', { name: 'Force' }) as HTMLInputElement).disabled).toBe(true)
    await user.click(within(dialog).getByRole('checkbox', { name: 'Remove those containers too' }))
    await user.click(within(dialog).getByRole('button', { name: 'Remove 2 containers and image' }))
    const stopList = within(dialog).getByRole('list', { name: 'Containers to stop' })
    expect(stopList.textContent).toBe('api (running)')
    expect(world.fake.callsTo('images.remove')).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Stop it and remove' }))
    await waitFor(() =>
      expect(world!.fake.callsTo('images.remove')).toEqual([
        { method: 'images.remove', input: { id: image.id, removeContainers: users.map((u) => u.id), stopRunning: true } }
      ])
    )
  })

  it('selects rows and offers Save and Remove for the selection', async () => {
    const user = userEvent.setup()
    const a = makeImage({ repoTags: ['a:1'] })
    const b = makeImage({ repoTags: ['b:1'] })
    world = renderBerth({ images: [a, b], page: 'images' })
    await user.click(await screen.findByRole('checkbox', { name: 'Select a:1' }))
    await user.click(screen.getByRole('checkbox', { name: 'Select b:1' }))
    const bar = screen.getByRole('toolbar', { name: 'Selected images' })
    expect(bar.textContent).toContain('2 selected')
    await user.click(within(bar).getByRole('button', { name: 'Save selected (2)…' }))
    expect(world.stores.views.getState().imageDialog).toEqual({ kind: 'save', imageIds: [a.id, b.id] })
    await user.click(within(bar).getByRole('button', { name: 'Clear selection' }))
    expect(screen.queryByRole('toolbar', { name: 'Selected images' })).toBeNull()
  })
})

describe('shell', () => {
  it('names the main navigation, marks the current page, shows counts, and switches pages', async () => {
    const user = userEvent.setup()
    world = renderBerth({ containers: [makeContainer({ name: 'a' }), makeContainer({ name: 'b' })] })
    const nav = screen.getByRole('navigation', { name: 'Main' })
    const containersLink = within(nav).getByRole('link', { name: /Containers/ })
    expect(containersLink.getAttribute('aria-current')).toBe('page')
    await waitFor(() => expect(containersLink.textContent).toContain('2'))
    await user.click(within(nav).getByRole('link', { name: /Engines/ }))
    expect(await screen.findByRole('heading', { name: 'Engines' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Use Docker (default socket)' })).toBeTruthy()
    const picker = screen.getByRole('combobox', { name: 'Engine' })
    expect(picker.textContent).toContain('Docker (default socket) — Connected')
  })

  it('switching engines shows only the new engine\'s containers and keeps the search text', async () => {
    const user = userEvent.setup()
    world = renderBerth({ containers: [makeContainer({ name: 'local-web' })] })
    const remote = makeEngine({ id: 'ssh-box', name: 'ssh: me@box', kind: 'ssh', active: false, endpoint: 'ssh://me@box' })
    const local = world.engine
    world.fake.handle('engines.list', () => (remote.active ? [{ ...local, active: false }, remote] : [local, remote]))
    world.fake.handle('engines.use', ({ id }) => {
      remote.active = id === remote.id
      world!.containers = [makeContainer({ name: 'remote-web' }), makeContainer({ name: 'remote-db' })]
      return { ...remote }
    })
    await screen.findByRole('row', { name: 'local-web' })
    await act(async () => world!.stores.engines.getState().load())
    await user.type(screen.getByRole('searchbox', { name: 'Search containers' }), 'web')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Engine' }), 'ssh: me@box — Connected')
    await screen.findByRole('row', { name: 'remote-web' })
    expect(screen.queryByRole('row', { name: 'local-web' })).toBeNull()
    expect(screen.queryByRole('row', { name: 'remote-db' })).toBeNull() // still filtered by "web"
    expect(world.fake.callsTo('engines.use')).toEqual([{ method: 'engines.use', input: { id: 'ssh-box' } }])
  })

  it('formats sizes and times the way people read them', () => {
    expect(formatBytes(1_234_567)).toBe('1.2 MB')
    expect(formatBytes(999)).toBe('999 B')
    const now = Date.UTC(2025, 0, 1, 12, 0, 0)
    expect(formatRelative(now / 1000 - 180, now)).toBe('3 minutes ago')
    expect(formatRelative(now / 1000 - 3600, now)).toBe('1 hour ago')
    expect(formatRelative(now / 1000 - 2, now)).toBe('just now')
  })
})
