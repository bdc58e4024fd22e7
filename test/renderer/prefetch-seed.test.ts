/** seedFromPrefetch: a list the server pushed fills its store before the first render, and never overrides a read. */
import { describe, expect, it } from 'vitest'
import { RpcClient } from '../../renderer/src/api/client'
import { createBerthStores } from '../../renderer/src/stores/index'
import { seedFromPrefetch } from '../../renderer/src/stores/prefetchSeed'
import type { PrefetchableList } from '../../shared/prefetch'
import { FakeTransport } from './fakeTransport'
import { makeContainer, makeImage } from './fixtures'

class PushedTransport extends FakeTransport {
  private readonly pushListeners = new Set<(method: PrefetchableList) => void>()
  constructor(private readonly lists: Partial<Record<PrefetchableList, unknown>>) {
    super()
  }
  prefetched(method: PrefetchableList): unknown {
    return this.lists[method]
  }
  onPrefetched(listener: (method: PrefetchableList) => void): () => void {
    this.pushListeners.add(listener)
    return () => this.pushListeners.delete(listener)
  }
  push(method: PrefetchableList, rows: unknown): void {
    this.lists[method] = rows
    for (const listener of this.pushListeners) listener(method)
  }
}

describe('seedFromPrefetch', () => {
  it('fills the pushed lists (sorted as a read would) and leaves the others loading', () => {
    const pushed = [makeContainer({ name: 'web' }), makeContainer({ name: 'api' })]
    const transport = new PushedTransport({ 'containers.list': pushed, 'images.list': [makeImage({ repoTags: ['b:1'] }), makeImage({ repoTags: ['a:1'] })] })
    const stores = createBerthStores(new RpcClient(transport), transport)
    seedFromPrefetch(stores, transport)
    expect(stores.containers.getState().sorted.map((row) => row.name)).toEqual(['api', 'web'])
    expect(stores.containers.getState().loaded).toBe(true)
    expect(stores.images.getState().items.map((image) => image.repoTags[0])).toEqual(['a:1', 'b:1'])
    expect(stores.volumes.getState().loaded).toBe(false)
    expect(transport.calls).toEqual([])
  })

  it('never replaces rows that a read already brought', async () => {
    const transport = new PushedTransport({ 'containers.list': [makeContainer({ name: 'stale' })] })
    transport.handle('containers.list', () => [makeContainer({ name: 'read' })])
    const stores = createBerthStores(new RpcClient(transport), transport)
    await stores.containers.getState().load()
    seedFromPrefetch(stores, transport)
    expect(stores.containers.getState().sorted.map((row) => row.name)).toEqual(['read'])
  })

  it('lets the read that follows have the last word', async () => {
    const transport = new PushedTransport({ 'containers.list': [makeContainer({ name: 'pushed' })] })
    transport.handle('containers.list', () => [makeContainer({ name: 'pushed' }), makeContainer({ name: 'newer' })])
    const stores = createBerthStores(new RpcClient(transport), transport)
    seedFromPrefetch(stores, transport)
    await stores.containers.getState().load()
    expect(stores.containers.getState().sorted.map((row) => row.name)).toEqual(['newer', 'pushed'])
  })

  it('seeds a list pushed after the app started, the moment it arrives', () => {
    const transport = new PushedTransport({})
    const stores = createBerthStores(new RpcClient(transport), transport)
    const stop = seedFromPrefetch(stores, transport)
    expect(stores.containers.getState().loaded).toBe(false)
    transport.push('containers.list', [makeContainer({ name: 'late' })])
    expect(stores.containers.getState().sorted.map((row) => row.name)).toEqual(['late'])
    stop()
    transport.push('volumes.list', [])
    expect(stores.volumes.getState().loaded).toBe(false)
  })

  it('keeps the seeded rows as they are when the call is answered with the pushed list itself', async () => {
    const pushedRows = [makeContainer({ name: 'web' })]
    const pushedImages = [makeImage({ repoTags: ['a:1'] })]
    const transport = new PushedTransport({ 'containers.list': pushedRows, 'images.list': pushedImages })
    // What the transport does with an okpre: the very object that was pushed.
    transport.handle('containers.list', () => pushedRows).handle('images.list', () => pushedImages)
    const stores = createBerthStores(new RpcClient(transport), transport)
    seedFromPrefetch(stores, transport)
    const seededRows = stores.containers.getState().sorted
    const seededImages = stores.images.getState().items
    // An event between the seed and the answer stays: the answer is older than it.
    stores.containers.getState().upsert(makeContainer({ name: 'api' }))
    await stores.containers.getState().load()
    await stores.images.getState().load()
    expect(stores.containers.getState().sorted.map((row) => row.name)).toEqual(['api', 'web'])
    expect(stores.containers.getState().sorted).not.toBe(seededRows)
    expect(stores.images.getState().items).toBe(seededImages)
    expect(stores.images.getState().loading).toBe(false)

    // With no event in between, the rows are not rebuilt (the same array: nothing to repaint).
    const quiet = createBerthStores(new RpcClient(transport), transport)
    seedFromPrefetch(quiet, transport)
    const quietRows = quiet.containers.getState().sorted
    await quiet.containers.getState().load()
    expect(quiet.containers.getState().sorted).toBe(quietRows)
  })
})
