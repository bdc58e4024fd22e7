// @vitest-environment jsdom
/**
 * The run dialog and the details shell over the fake transport: invalid input shows messages
 * next to the fields and never reaches containers.create; valid input sends the spec and opens
 * the new container's details; rename and Inspect work from the keyboard.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import type { ContainerDetails } from '../../shared/run-models'
import { makeContainer, makeEngineInfo, makeImage } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  cleanup()
  world = undefined
})

const GIB = 1024 ** 3

function detailsFor(id: string, name: string): ContainerDetails {
  return {
    id, name, image: 'busybox:latest', imageId: 'sha256:' + 'b'.repeat(64), created: '2024-01-01T00:00:00Z',
    state: { status: 'running', running: true, paused: false, exitCode: 0, startedAt: '2024-01-01T00:00:01Z', finishedAt: '', oomKilled: false, error: '' },
    command: ['sleep', '1000'], entrypoint: [], workingDir: '', user: '', tty: false, openStdin: false,
    ports: [{ privatePort: 80, publicPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' }],
    mounts: [], env: [{ key: 'MODE', value: 'prod' }], labels: { team: 'core' },
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    limits: { nanoCpus: 0, cpuQuota: 0, cpuPeriod: 0, memory: 0, memorySwap: 0, pidsLimit: 0 },
    networks: [{ name: 'bridge', ipAddress: '172.17.0.2', gateway: '172.17.0.1' }],
    raw: { Id: id, Name: `/${name}`, HostConfig: { Memory: 0, NanoCpus: 0 }, Config: { Env: ['MODE=prod'] } }
  }
}

function setup() {
  const web = makeContainer({ name: 'web', ports: [{ privatePort: 80, publicPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' }] })
  world = renderBerth({ containers: [web], images: [makeImage({ repoTags: ['busybox:latest'] })] })
  const created = makeContainer({ name: 'fresh' })
  world.fake
    .handle('engines.info', () => makeEngineInfo({ cpus: 2, memoryBytes: 4 * GIB, images: 1 }))
    .handle('containers.create', () => ({ id: created.id, name: 'fresh', started: true, warnings: [] }))
    .handle('containers.inspect', ({ id }) => (id === web.id ? detailsFor(web.id, 'web') : detailsFor(created.id, 'fresh')))
    .handle('containers.freePort', () => ({ port: 45678, checkedOn: 'host' as const, note: 'free' }))
  return { web, created, fake: world.fake }
}

describe('run dialog', () => {
  it('has focus in its first field from the moment it appears (not one task later)', async () => {
    const user = userEvent.setup()
    setup()
    await screen.findByRole('row', { name: 'web' })
    // A MutationObserver runs right after React puts the dialog in the page, before any later
    // task: focus moved then is focus moved before a key can be pressed.
    let focusedWhenShown: Element | null | undefined
    const observer = new MutationObserver(() => {
      if (focusedWhenShown === undefined && document.querySelector('[role="dialog"]')) focusedWhenShown = document.activeElement
    })
    observer.observe(document.body, { childList: true, subtree: true })
    await user.click(screen.getByRole('button', { name: 'Run container' }))
    const dialog = await screen.findByRole('dialog', { name: 'Run a container' })
    observer.disconnect()
    expect(focusedWhenShown).toBe(within(dialog).getByLabelText('Image'))
  })

  it('shows a message next to each bad field and never calls containers.create', async () => {
    const user = userEvent.setup()
    const { fake } = setup()
    await screen.findByRole('row', { name: 'web' })
    await user.click(screen.getByRole('button', { name: 'Run container' }))
    const dialog = await screen.findByRole('dialog', { name: 'Run a container' })
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Image'))

    await user.type(within(dialog).getByLabelText('Image'), 'busybox:latest')
    await user.type(within(dialog).getByLabelText('Name'), 'web') // already used by a container
    await user.click(within(dialog).getByRole('button', { name: 'Add port' }))
    await user.type(within(dialog).getByLabelText('Host port, row 1'), '8080') // published by web
    await user.type(within(dialog).getByLabelText('Container port, row 1'), '80')
    await user.click(within(dialog).getByRole('button', { name: 'Add volume' }))
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Mount type, row 1' }), 'Bind mount')
    await user.type(within(dialog).getByLabelText('Host path, row 1'), 'relative')
    await user.type(within(dialog).getByLabelText('Container path, row 1'), '/data')
    await user.click(within(dialog).getByRole('checkbox', { name: 'Limit memory' }))
    const memory = within(dialog).getByRole('spinbutton', { name: 'Memory (number, MiB)' })
    await user.clear(memory)
    await user.type(memory, '4')
    await user.click(within(dialog).getByRole('button', { name: 'Run' }))

    const expectMessage = (label: string, message: RegExp): void => {
      const control = within(dialog).getByLabelText(label)
      expect(control.getAttribute('aria-invalid')).toBe('true')
      const describedBy = (control.getAttribute('aria-describedby') ?? '').split(' ')
      const text = describedBy.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
      expect(text).toMatch(message)
    }
    expectMessage('Name', /A container called "web" already exists/)
    expectMessage('Host port, row 1', /already published by web/)
    expectMessage('Host path, row 1', /absolute host path/)
    expectMessage('Memory', /at least 6 MiB/)
    expect(within(dialog).getByRole('status').textContent).toMatch(/4 fields need attention/)
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Name'))
    expect(fake.callsTo('containers.create')).toEqual([])
  })

  it('sends a valid spec (free port picked, limits set) and opens the new container', async () => {
    const user = userEvent.setup()
    const { fake, created } = setup()
    await screen.findByRole('row', { name: 'web' })
    await user.click(screen.getByRole('button', { name: 'Run container' }))
    const dialog = await screen.findByRole('dialog', { name: 'Run a container' })
    await user.type(within(dialog).getByLabelText('Image'), 'busybox:latest')
    await user.type(within(dialog).getByLabelText('Name'), 'fresh')
    await user.type(within(dialog).getByLabelText('Command'), 'sleep 1000')
    await user.click(within(dialog).getByRole('button', { name: 'Add port' }))
    await user.click(within(dialog).getByRole('button', { name: 'Pick a free port, row 1' }))
    await waitFor(() => expect((within(dialog).getByLabelText('Host port, row 1') as HTMLInputElement).value).toBe('45678'))
    await user.type(within(dialog).getByLabelText('Container port, row 1'), '80')
    await user.click(within(dialog).getByRole('checkbox', { name: 'Limit CPUs' }))
    const cpus = within(dialog).getByRole('spinbutton', { name: 'CPUs (number)' })
    await user.clear(cpus)
    await user.type(cpus, '1.5')
    await user.click(within(dialog).getByRole('checkbox', { name: 'Limit processes' }))
    await user.click(within(dialog).getByRole('button', { name: 'Run' }))

    await waitFor(() => expect(fake.callsTo('containers.create')).toHaveLength(1))
    expect(fake.callsTo('containers.create')[0].input).toMatchObject({
      image: 'busybox:latest',
      name: 'fresh',
      command: ['sleep', '1000'],
      ports: [{ hostPort: 45678, containerPort: 80, protocol: 'tcp' }],
      resources: { nanoCpus: 1_500_000_000, pidsLimit: 256 },
      start: true
    })
    expect(await screen.findByRole('heading', { name: 'fresh' })).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('true')
    expect(fake.callsTo('containers.inspect').some((c) => (c.input as { id: string }).id === created.id)).toBe(true)
  })

  it('Escape closes the dialog without calling the engine', async () => {
    const user = userEvent.setup()
    const { fake } = setup()
    await user.click(await screen.findByRole('button', { name: 'Run container' }))
    await screen.findByRole('dialog', { name: 'Run a container' })
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(fake.callsTo('containers.create')).toEqual([])
  })
})

describe('container details', () => {
  it('opens from the name, switches tabs by keyboard, renames with validation, searches the JSON', async () => {
    const user = userEvent.setup()
    const { fake, web } = setup()
    fake.handle('containers.rename', ({ name }) => {
      if (name === 'taken-elsewhere') throw new RpcError('CONFLICT', 'Conflict. The container name "/taken-elsewhere" is already in use.')
      return { ok: true as const }
    })
    await user.click(await screen.findByRole('button', { name: 'web' }))
    expect(await screen.findByRole('heading', { name: 'web' })).toBeTruthy()
    expect(await screen.findByText('MODE')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'localhost:8080' }).getAttribute('href')).toBe('http://localhost:8080/')

    screen.getByRole('tab', { name: 'Overview' }).focus()
    await user.keyboard('{End}')
    expect(screen.getByRole('tab', { name: 'Inspect' }).getAttribute('aria-selected')).toBe('true')
    await user.type(screen.getByRole('searchbox', { name: 'Search the JSON' }), 'MODE=')
    expect(await screen.findByText('1 match')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Collapse Config' }).getAttribute('aria-label')).toBe('Collapse Config')

    await user.click(screen.getByRole('button', { name: 'Rename' }))
    const dialog = await screen.findByRole('dialog', { name: 'Rename web' })
    const input = within(dialog).getByLabelText('New name')
    await user.clear(input)
    await user.type(input, 'bad name')
    expect(within(dialog).getByText(/Use at least 2 characters/)).toBeTruthy()
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }))
    expect(fake.callsTo('containers.rename')).toEqual([])
    await user.clear(input)
    await user.type(input, 'taken-elsewhere')
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }))
    expect(await within(dialog).findByRole('alert')).toBeTruthy()
    await user.clear(input)
    await user.type(input, 'web-2')
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(fake.callsTo('containers.rename').at(-1)?.input).toEqual({ id: web.id, name: 'web-2' })
  })
})
