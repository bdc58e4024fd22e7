// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import { makeContainer } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  cleanup()
  world = undefined
})

const rowNames = (): string[] =>
  within(screen.getByRole('grid', { name: 'Containers' }))
    .getAllByRole('row')
    .map((row) => row.getAttribute('aria-label') ?? '')
    .filter((label) => label !== '')

function demoSet() {
  return [
    makeContainer({ name: 'shop-web', image: 'nginx:1.27', composeProject: 'shop', state: 'running' }),
    makeContainer({ name: 'shop-db', image: 'postgres:16', composeProject: 'shop', state: 'exited', status: 'Exited (0) 2 hours ago' }),
    makeContainer({ name: 'blog', image: 'ghost:5', composeProject: 'site', state: 'paused', status: 'Up 1 hour (Paused)' }),
    makeContainer({ name: 'scratchpad', image: 'busybox:latest', state: 'created', status: 'Created' })
  ]
}

describe('finding containers', () => {
  it('searches by name, image, id and project; filters by state; says why the list is empty', async () => {
    const user = userEvent.setup()
    const set = demoSet()
    world = renderBerth({ containers: set })
    await screen.findByRole('row', { name: 'shop-web' })
    expect(rowNames()).toEqual(['blog', 'scratchpad', 'shop-db', 'shop-web'])

    const search = screen.getByRole('searchbox', { name: 'Search containers' })
    await user.type(search, 'postgres')
    expect(rowNames()).toEqual(['shop-db'])
    await user.clear(search)
    await user.type(search, 'shop')
    expect(rowNames()).toEqual(['shop-db', 'shop-web'])
    await user.clear(search)
    await user.type(search, set[3].id.slice(0, 10))
    expect(rowNames()).toEqual(['scratchpad'])
    await user.clear(search)

    const filter = screen.getByRole('combobox', { name: 'State filter' })
    await user.selectOptions(filter, 'Running')
    expect(rowNames()).toEqual(['shop-web'])
    await user.selectOptions(filter, 'Paused')
    expect(rowNames()).toEqual(['blog'])
    await user.selectOptions(filter, 'Stopped')
    expect(rowNames()).toEqual(['scratchpad', 'shop-db'])

    await user.type(search, 'nothing-like-this')
    expect(screen.getByText(/No containers match the search/)).toBeTruthy()
  })

  it('says "No containers yet" when the engine has none', async () => {
    world = renderBerth({ containers: [] })
    expect(await screen.findByText(/No containers yet/)).toBeTruthy()
  })

  it('groups by Compose project with collapsible, counted group rows', async () => {
    const user = userEvent.setup()
    world = renderBerth({ containers: demoSet() })
    await screen.findByRole('row', { name: 'shop-web' })
    await user.click(screen.getByRole('checkbox', { name: 'Group by Compose project' }))
    expect(rowNames()).toEqual([
      'shop (2)',
      'shop-db',
      'shop-web',
      'site (1)',
      'blog',
      'Not in a Compose project (1)',
      'scratchpad'
    ])
    const shopToggle = screen.getByRole('button', { name: 'shop, 2 containers' })
    expect(shopToggle.getAttribute('aria-expanded')).toBe('true')
    await user.click(shopToggle)
    expect(shopToggle.getAttribute('aria-expanded')).toBe('false')
    expect(rowNames()).toEqual(['shop (2)', 'site (1)', 'blog', 'Not in a Compose project (1)', 'scratchpad'])
  })
})

describe('acting on containers', () => {
  it('runs a bulk action once per selected container it applies to', async () => {
    const user = userEvent.setup()
    const set = demoSet()
    world = renderBerth({ containers: set })
    await screen.findByRole('row', { name: 'shop-web' })
    expect(screen.queryByRole('button', { name: /Stop selected/ })).toBeNull()

    await user.click(screen.getByRole('checkbox', { name: 'Select all' }))
    expect(screen.getByRole('button', { name: 'Start selected (2)' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Start selected (2)' }))
    await waitFor(() => expect(world!.fake.callsTo('containers.start')).toHaveLength(2))
    expect(world.fake.callsTo('containers.start').map((call) => call.input)).toEqual(
      expect.arrayContaining([{ id: set[1].id }, { id: set[3].id }])
    )

    await user.click(screen.getByRole('button', { name: 'Kill selected (2)' }))
    await waitFor(() => expect(world!.fake.callsTo('containers.kill')).toHaveLength(2))
    for (const call of world.fake.callsTo('containers.kill')) expect(call.input).toMatchObject({ signal: 'SIGKILL' })
    expect(world.fake.callsTo('containers.kill').map((call) => (call.input as { id: string }).id).sort()).toEqual(
      [set[0].id, set[2].id].sort()
    )

    await user.click(screen.getByRole('button', { name: 'Resume selected (1)' }))
    await waitFor(() => expect(world!.fake.callsTo('containers.unpause')).toEqual([{ method: 'containers.unpause', input: { id: set[2].id } }]))
  })

  it('marks the row busy while its action runs and leaves the state to the event stream', async () => {
    const user = userEvent.setup()
    const web = makeContainer({ name: 'web' })
    world = renderBerth({ containers: [web] })
    let finishStop: () => void = () => undefined
    world.fake.handle('containers.stop', () => new Promise((resolve) => (finishStop = () => resolve({ ok: true }))))
    const row = await screen.findByRole('row', { name: 'web' })
    expect(within(row).queryByRole('button', { name: 'Start web' })).toBeNull()
    await user.click(within(row).getByRole('button', { name: 'Stop web' }))

    await waitFor(() => expect(screen.getByRole('row', { name: 'web' }).getAttribute('aria-busy')).toBe('true'))
    expect(within(screen.getByRole('row', { name: 'web' })).getByText('Stopping…')).toBeTruthy()
    await act(async () => finishStop())
    await waitFor(() => expect(screen.getByRole('row', { name: 'web' }).getAttribute('aria-busy')).toBeNull())
    // The reply changed nothing: still running until the engine says otherwise.
    expect(within(screen.getByRole('row', { name: 'web' })).getByText('Running')).toBeTruthy()
    act(() =>
      world!.fake.emit({ type: 'container', action: 'die', id: web.id, container: { ...web, state: 'exited', status: 'Exited (137) now' } })
    )
    const stopped = await screen.findByRole('button', { name: 'Start web' })
    expect(stopped).toBeTruthy()
  })

  it('shows a failed action in words, naming the container, until dismissed', async () => {
    const user = userEvent.setup()
    world = renderBerth({ containers: [makeContainer({ name: 'db', state: 'paused' })] })
    world.fake.handle('containers.unpause', () => {
      throw new RpcError('CONFLICT', 'Container db is not paused.')
    })
    await user.click(await screen.findByRole('button', { name: 'Resume db' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain("Couldn't resume db: Container db is not paused.")
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('the remove dialog', () => {
  it('opens from a row, traps focus, closes on Escape and returns focus to the opener', async () => {
    const user = userEvent.setup()
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    const opener = await screen.findByRole('button', { name: 'Remove web' })
    await user.click(opener)
    const dialog = await screen.findByRole('dialog', { name: 'Remove 1 container' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(within(dialog).getByText('web')).toBeTruthy()
    expect(dialog.contains(document.activeElement)).toBe(true)

    // Tab around more times than there are controls: focus never leaves the dialog.
    for (let i = 0; i < 6; i++) {
      await user.tab()
      expect(dialog.contains(document.activeElement)).toBe(true)
    }
    await user.tab({ shift: true })
    expect(dialog.contains(document.activeElement)).toBe(true)

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove web' }))
    expect(world.fake.callsTo('containers.remove')).toHaveLength(0)
  })

  it('removes every selected container with the chosen options', async () => {
    const user = userEvent.setup()
    const set = demoSet()
    world = renderBerth({ containers: set })
    await user.click(await screen.findByRole('checkbox', { name: 'Select shop-web' }))
    await user.click(screen.getByRole('checkbox', { name: 'Select blog' }))
    await user.click(screen.getByRole('button', { name: 'Remove selected (2)' }))
    const dialog = screen.getByRole('dialog', { name: 'Remove 2 containers' })
    expect(within(dialog).getByText(/still running/)).toBeTruthy()
    await user.click(within(dialog).getByRole('checkbox', { name: 'Force (stop running containers first)' }))
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also remove anonymous volumes' }))
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(world!.fake.callsTo('containers.remove')).toHaveLength(2))
    expect(world.fake.callsTo('containers.remove').map((call) => call.input)).toEqual(
      expect.arrayContaining([
        { id: set[0].id, force: true, volumes: true },
        { id: set[2].id, force: true, volumes: true }
      ])
    )
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('a refused remove shows the one sentence that names the container, not a prefix that repeats it', async () => {
    const user = userEvent.setup()
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    world.fake.handle('containers.remove', () => {
      throw new RpcError('CONFLICT', "Can't remove web while it is running: stop it first, or choose Force.", { containerName: 'web' })
    })
    await user.click(await screen.findByRole('button', { name: 'Remove web' }))
    await user.click(within(screen.getByRole('dialog', { name: 'Remove 1 container' })).getByRole('button', { name: 'Remove' }))
    const alert = await screen.findByRole('alert')
    expect(alert.querySelector('.alert-text')?.textContent).toBe("Can't remove web while it is running: stop it first, or choose Force.")

    // Errors that don't name the container still say which one and what was tried.
    world.fake.handle('containers.stop', () => {
      throw new RpcError('INTERNAL', 'The engine answered 500: boom')
    })
    await user.click(screen.getByRole('button', { name: 'Stop web' }))
    expect(await screen.findByText("Couldn't stop web: The engine answered 500: boom")).toBeTruthy()
  })
})
