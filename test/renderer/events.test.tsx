// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RpcClient } from '../../renderer/src/api/client'
import { startEventSync } from '../../renderer/src/stores/events'
import { createBerthStores } from '../../renderer/src/stores/index'
import { RpcError } from '../../shared/errors'
import type { ContainerSummary } from '../../shared/models'
import { FakeTransport } from './fakeTransport'
import { makeContainer, makeEngine } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  cleanup()
  world = undefined
})

const grid = (): HTMLElement => screen.getByRole('grid', { name: 'Containers' })

describe('the event stream drives the containers list', () => {
  it('subscribes once and upserts or removes single rows from container events', async () => {
    const web = makeContainer({ name: 'web' })
    world = renderBerth({ containers: [web] })
    await screen.findByRole('row', { name: 'web' })
    expect(world.fake.subscribeCount).toBe(1)
    const listReads = world.fake.callsTo('containers.list').length

    const db = makeContainer({ name: 'db', state: 'exited', status: 'Exited (0) 1 minute ago' })
    act(() => world!.fake.emit({ type: 'container', action: 'create', id: db.id, container: db }))
    const dbRow = await screen.findByRole('row', { name: 'db' })
    expect(within(dbRow).getByText('Exited')).toBeTruthy()
    expect(grid().getAttribute('aria-rowcount')).toBe('3')

    act(() =>
      world!.fake.emit({ type: 'container', action: 'start', id: db.id, container: { ...db, state: 'running', status: 'Up 1 second' } })
    )
    await waitFor(() => expect(within(screen.getByRole('row', { name: 'db' })).getByText('Running')).toBeTruthy())

    act(() => world!.fake.emit({ type: 'container', action: 'destroy', id: web.id, container: null }))
    await waitFor(() => expect(screen.queryByRole('row', { name: 'web' })).toBeNull())
    // Rows came from events alone: no full re-read of the list.
    expect(world.fake.callsTo('containers.list').length).toBe(listReads)
  })

  it('stamps data-painted-at after the rows change', async () => {
    world = renderBerth({ containers: [makeContainer({ name: 'one' })] })
    await screen.findByRole('row', { name: 'one' })
    await waitFor(() => expect(grid().getAttribute('data-painted-at')).not.toBeNull())
    const first = Number(grid().getAttribute('data-painted-at'))
    const two = makeContainer({ name: 'two' })
    act(() => world!.fake.emit({ type: 'container', action: 'create', id: two.id, container: two }))
    await waitFor(() => expect(Number(grid().getAttribute('data-painted-at'))).toBeGreaterThan(first))
  })

  it('re-reads images (debounced) on image events', async () => {
    world = renderBerth()
    await screen.findByRole('grid', { name: 'Containers' })
    await waitFor(() => expect(world!.fake.callsTo('images.list').length).toBe(1))
    act(() => {
      world!.fake.emit({ type: 'image', action: 'pull', id: 'a' })
      world!.fake.emit({ type: 'image', action: 'tag', id: 'a' })
      world!.fake.emit({ type: 'image', action: 'untag', id: 'b' })
    })
    await waitFor(() => expect(world!.fake.callsTo('images.list').length).toBe(2))
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(world.fake.callsTo('images.list').length).toBe(2)
  })
})

describe('pacing', () => {
  it('names its stream and acknowledges applied events with a running total, a few calls for many events', async () => {
    world = renderBerth()
    await screen.findByRole('grid', { name: 'Containers' })
    const { paceId } = world.fake.watchInputs[0] as { paceId?: string }
    expect(paceId).toMatch(/^events-[0-9a-f]{24}$/)
    act(() => {
      for (let i = 0; i < 30; i++) {
        const row = makeContainer({ name: `c${i}` })
        world!.fake.emit({ type: 'container', action: 'create', id: row.id, container: row })
      }
    })
    await waitFor(() => expect(world!.fake.callsTo('events.ack').at(-1)?.input).toEqual({ paceId, events: 30 }))
    expect(world.fake.callsTo('events.ack').length).toBeLessThanOrEqual(2)
    act(() => world!.fake.emit({ type: 'image', action: 'tag', id: 'x' }))
    await waitFor(() => expect(world!.fake.callsTo('events.ack').at(-1)?.input).toEqual({ paceId, events: 31 }))
  })
})

describe('cold start', () => {
  it('reads every list once, not again when the stream first says the engine is connected', async () => {
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    // The stream's first word, before any list answer: the active engine, connected (as
    // events.watch starts on the server while the lists are being read).
    act(() => world!.fake.emit({ type: 'engine', engine: world!.engine }))
    await screen.findByRole('row', { name: 'web' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    for (const method of ['containers.list', 'images.list', 'volumes.list', 'networks.list', 'engines.list'] as const) {
      expect(world.fake.callsTo(method).length, method).toBe(1)
    }
  })

  /** A server that just started: its first word, and the engines list, say the engine is still connecting. */
  function connectingThenConnected(w: World): () => void {
    const connected = w.engine
    w.engine = { ...connected, state: 'connecting' }
    act(() => w.fake.emit({ type: 'engine', engine: w.engine }))
    return () => {
      w.engine = connected
      act(() => w.fake.emit({ type: 'engine', engine: connected }))
    }
  }

  it('reads every list once when the first word is "connecting": the server served those reads once connected', async () => {
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    const connect = connectingThenConnected(world)
    await screen.findByRole('row', { name: 'web' })
    connect()
    await new Promise((resolve) => setTimeout(resolve, 50))
    for (const method of ['containers.list', 'images.list', 'volumes.list', 'networks.list', 'engines.list'] as const) {
      expect(world.fake.callsTo(method).length, method).toBe(1)
    }
  })

  it('reads again, once connected, only a list whose read failed while the engine was connecting', async () => {
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    // The images read goes once the containers are in: it meets the server's bound on waiting.
    let refusals = 1
    world.fake.handle('images.list', () => {
      if (refusals-- > 0) throw new RpcError('ENGINE_UNAVAILABLE', 'Berth is still connecting to DOCKER_HOST. Try again in a moment.')
      return world!.images
    })
    const connect = connectingThenConnected(world)
    await screen.findByRole('row', { name: 'web' })
    await waitFor(() => expect(world!.stores.images.getState().loadError).not.toBeNull())
    connect()
    await waitFor(() => expect(world!.fake.callsTo('images.list').length).toBe(2))
    await waitFor(() => expect(world!.stores.images.getState().loadError).toBeNull())
    await new Promise((resolve) => setTimeout(resolve, 50))
    for (const method of ['containers.list', 'volumes.list', 'networks.list', 'engines.list'] as const) {
      expect(world.fake.callsTo(method).length, method).toBe(1)
    }
  })

  it('still re-reads when the engine comes back after being unavailable', async () => {
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    await screen.findByRole('row', { name: 'web' })
    act(() => world!.fake.emit({ type: 'engine', engine: { ...world!.engine, state: 'unavailable', error: 'gone' } }))
    act(() => world!.fake.emit({ type: 'engine', engine: world!.engine }))
    await waitFor(() => expect(world!.fake.callsTo('containers.list').length).toBe(2))
  })
})

describe('reads and events that cross', () => {
  /** Holds the next containers.list answer until release() (the engine's list is slow or lags). */
  function holdNextList(w: World, answer: () => ContainerSummary[]): { release: () => void } {
    let release = (): void => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    w.fake.handle('containers.list', async () => {
      const list = answer() // what the engine said when the read began
      await gate
      return list
    })
    return { release: () => release() }
  }

  it('re-reading everything asks for containers first, and images, volumes, networks once it is in', async () => {
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    await screen.findByRole('row', { name: 'web' })
    await waitFor(() => expect(world!.fake.callsTo('networks.list').length).toBe(1))
    const held = holdNextList(world, () => world!.containers)
    act(() => world!.fake.emit({ type: 'engine', engine: { ...world!.engine, state: 'unavailable', error: 'gone' } }))
    act(() => world!.fake.emit({ type: 'engine', engine: world!.engine }))
    await waitFor(() => expect(world!.fake.callsTo('containers.list').length).toBe(2))
    await new Promise((resolve) => setTimeout(resolve, 50))
    for (const method of ['images.list', 'volumes.list', 'networks.list'] as const) expect(world.fake.callsTo(method).length, method).toBe(1)
    held.release()
    await waitFor(() => {
      for (const method of ['images.list', 'volumes.list', 'networks.list'] as const) expect(world!.fake.callsTo(method).length, method).toBe(2)
    })
  })

  it('on the Images page, the images list goes first and the containers list follows', async () => {
    world = renderBerth({ containers: [makeContainer({ name: 'web' })], page: 'images' })
    await waitFor(() => expect(world!.fake.callsTo('containers.list').length).toBe(1))
    let release = (): void => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    world.fake.handle('images.list', async () => {
      await gate
      return world!.images
    })
    act(() => world!.fake.emit({ type: 'engine', engine: { ...world!.engine, state: 'unavailable', error: 'gone' } }))
    act(() => world!.fake.emit({ type: 'engine', engine: world!.engine }))
    await waitFor(() => expect(world!.fake.callsTo('images.list').length).toBe(2))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(world.fake.callsTo('containers.list').length).toBe(1)
    release()
    await waitFor(() => expect(world!.fake.callsTo('containers.list').length).toBe(2))
  })

  it('a list read that finishes after an event keeps the newer row', async () => {
    const web = makeContainer({ name: 'web', state: 'exited', status: 'Exited (0) 1 minute ago' })
    world = renderBerth({ containers: [web] })
    await screen.findByRole('row', { name: 'web' })
    const stale = [web]
    const held = holdNextList(world, () => stale)
    act(() => void world!.stores.containers.getState().load())
    // While the read is in flight, the container starts and a new one appears.
    const running = { ...web, state: 'running' as const, status: 'Up 1 second' }
    const api = makeContainer({ name: 'api' })
    act(() => {
      world!.fake.emit({ type: 'container', action: 'start', id: web.id, container: running })
      world!.fake.emit({ type: 'container', action: 'create', id: api.id, container: api })
    })
    await screen.findByRole('row', { name: 'api' })
    await act(async () => held.release())
    await waitFor(() => expect(world!.fake.callsTo('containers.list').length).toBeGreaterThanOrEqual(2))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(within(screen.getByRole('row', { name: 'web' })).getByText('Running')).toBeTruthy()
    expect(screen.getByRole('row', { name: 'api' })).toBeTruthy()
  })

  it('a read that lags behind an event just before it does not bring a removed row back', async () => {
    const web = makeContainer({ name: 'web' })
    world = renderBerth({ containers: [web] })
    await screen.findByRole('row', { name: 'web' })
    act(() => world!.fake.emit({ type: 'container', action: 'destroy', id: web.id, container: null }))
    await waitFor(() => expect(screen.queryByRole('row', { name: 'web' })).toBeNull())
    // The engine's list still has it (its list lags its events by a moment).
    const held = holdNextList(world, () => [web])
    act(() => void world!.stores.containers.getState().load())
    await act(async () => held.release())
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(screen.queryByRole('row', { name: 'web' })).toBeNull()
  })

  it('re-reads the containers list when the server asks for a resync', async () => {
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    await screen.findByRole('row', { name: 'web' })
    const reads = world.fake.callsTo('containers.list').length
    const late = makeContainer({ name: 'late' })
    world.containers = [...world.containers, late]
    act(() => world!.fake.emit({ type: 'resync', list: 'containers', reason: 'inspect failed' }))
    await screen.findByRole('row', { name: 'late' })
    expect(world.fake.callsTo('containers.list').length).toBe(reads + 1)
  })

  it('a container commit re-reads the images list', async () => {
    world = renderBerth()
    await screen.findByRole('grid', { name: 'Containers' })
    await waitFor(() => expect(world!.fake.callsTo('images.list').length).toBe(1))
    act(() => world!.fake.emit({ type: 'container', action: 'commit', id: 'c', container: makeContainer({ name: 'c' }) }))
    await waitFor(() => expect(world!.fake.callsTo('images.list').length).toBe(2))
  })

  it('a steady stream of image events cannot hold the re-read off forever', async () => {
    // Stores and event sync only, on fake timers: the event every 5 ms and the clock are exact,
    // so a busy machine can't stretch the gaps past the debounce (a real-time version flaked).
    vi.useFakeTimers()
    try {
      const fake = new FakeTransport()
      fake
        .handle('engines.list', () => [makeEngine()])
        .handle('containers.list', () => [])
        .handle('images.list', () => [])
        .handle('volumes.list', () => [])
        .handle('networks.list', () => [])
      const stores = createBerthStores(new RpcClient(fake), fake, 'containers')
      const stop = startEventSync(stores, fake, { debounceMs: 10, maxWaitMs: 100 })
      await vi.advanceTimersByTimeAsync(50)
      expect(fake.callsTo('images.list').length).toBe(1)
      for (let elapsed = 0; elapsed < 300; elapsed += 5) {
        fake.emit({ type: 'image', action: 'tag', id: 'x' })
        await vi.advanceTimersByTimeAsync(5)
      }
      // Debounced alone, 300 ms of events 5 ms apart would give no re-read until they stop;
      // with the 100 ms cap there is one about every 100 ms.
      expect(fake.callsTo('images.list').length).toBeGreaterThanOrEqual(3)
      stop()
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('engine and connection state', () => {
  it('says "Engine unavailable" with an alert when the engine drops, and re-reads when it returns', async () => {
    const web = makeContainer({ name: 'web' })
    world = renderBerth({ containers: [web] })
    const status = screen.getByRole('status', { name: 'Engine connection' })
    await waitFor(() => expect(status.textContent).toContain('Connected'))

    const down = { ...world.engine, state: 'unavailable' as const, error: 'The socket does not exist.' }
    act(() => world!.fake.emit({ type: 'engine', engine: down }))
    await waitFor(() => expect(status.textContent).toContain('Engine unavailable'))
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toMatch(/Start Docker/)
    expect(alert.textContent).toMatch(/reconnects by itself/)
    expect(alert.textContent).toContain('The socket does not exist.')
    // The rows people were looking at stay.
    expect(screen.getByRole('row', { name: 'web' })).toBeTruthy()

    const reads = world.fake.callsTo('containers.list').length
    world.containers = [web, makeContainer({ name: 'api' })]
    act(() => world!.fake.emit({ type: 'engine', engine: { ...down, state: 'connected', error: undefined } }))
    await screen.findByRole('row', { name: 'api' })
    expect(world.fake.callsTo('containers.list').length).toBe(reads + 1)
    expect(status.textContent).toContain('Connected')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('after the transport reconnects: re-subscribes, re-reads, and keeps search text and selection', async () => {
    const user = userEvent.setup()
    const alpha = makeContainer({ name: 'alpha' })
    const beta = makeContainer({ name: 'beta' })
    world = renderBerth({ containers: [alpha, beta] })
    await screen.findByRole('row', { name: 'alpha' })
    await user.click(screen.getByRole('checkbox', { name: 'Select alpha' }))
    await user.type(screen.getByRole('searchbox', { name: 'Search containers' }), 'alp')
    await waitFor(() => expect(screen.queryByRole('row', { name: 'beta' })).toBeNull())

    act(() => world!.fake.drop())
    expect(screen.getByRole('alert').textContent).toContain('Lost the connection to Berth — reconnecting…')
    expect(screen.getByRole('status', { name: 'Engine connection' }).textContent).toContain('Connecting…')

    const reads = world.fake.callsTo('containers.list').length
    world.containers = [alpha, beta, makeContainer({ name: 'alpine-new' })]
    act(() => world!.fake.restore())
    await screen.findByRole('row', { name: 'alpine-new' })
    expect(world.fake.callsTo('containers.list').length).toBe(reads + 1)
    expect(world.fake.subscribeCount).toBe(2)
    expect(world.fake.watchers.size).toBe(1)
    expect((screen.getByRole('searchbox', { name: 'Search containers' }) as HTMLInputElement).value).toBe('alp')
    expect((screen.getByRole('checkbox', { name: 'Select alpha' }) as HTMLInputElement).checked).toBe(true)
    expect(screen.queryByRole('alert')).toBeNull()

    // Events flow again on the new subscription.
    act(() => world!.fake.emit({ type: 'container', action: 'destroy', id: alpha.id, container: null }))
    await waitFor(() => expect(screen.queryByRole('row', { name: 'alpha' })).toBeNull())
  })
})
