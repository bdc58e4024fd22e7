/** The sparkline hub: one statsMany stream for the rows on screen, debounced, none when nothing shows. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RpcClient } from '../../renderer/src/api/client'
import { SparklineHub, TRAIL_LENGTH, type SparkTrail } from '../../renderer/src/features/stats/sparklineHub'
import { sparklinePoints } from '../../renderer/src/features/stats/Sparkline'
import { makeSample, StatsTransport } from './statsTransport'

const DEBOUNCE = 50

function setup(): { transport: StatsTransport; hub: SparklineHub; visibility: { hidden: boolean; fire(): void } } {
  const transport = new StatsTransport()
  const listeners: Array<() => void> = []
  const visibility = { hidden: false, onChange: (listener: () => void) => listeners.push(listener), fire: () => listeners.forEach((l) => l()) }
  const hub = new SparklineHub(new RpcClient(transport), { debounceMs: DEBOUNCE, visibility, schedule: (run) => run() })
  return { transport, hub, visibility }
}

const idsOf = (transport: StatsTransport): string[][] =>
  transport.streams('containers.statsMany').map((stream) => (stream.input as { ids: string[] }).ids)

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('SparklineHub', () => {
  it('opens one stream for all watched rows once the set settles', () => {
    const { transport, hub } = setup()
    hub.watch('b', () => {})
    hub.watch('a', () => {})
    expect(transport.subscribed).toBe(0)
    vi.advanceTimersByTime(DEBOUNCE)
    expect(idsOf(transport)).toEqual([['a', 'b']])
  })

  it('a scroll that churns rows within the debounce opens one stream, not one per change', () => {
    const { transport, hub } = setup()
    const stops = ['a', 'b', 'c', 'd'].map((id) => hub.watch(id, () => {}))
    vi.advanceTimersByTime(10)
    stops[0]()
    stops[1]()
    hub.watch('e', () => {})
    vi.advanceTimersByTime(DEBOUNCE)
    expect(transport.subscribed).toBe(1)
    expect(idsOf(transport)).toEqual([['c', 'd', 'e']])
  })

  it('replaces the stream when the set changes, and closes it when no row is left', async () => {
    const { transport, hub } = setup()
    const stopA = hub.watch('a', () => {})
    const stopB = hub.watch('b', () => {})
    vi.advanceTimersByTime(DEBOUNCE)
    stopB()
    vi.advanceTimersByTime(DEBOUNCE)
    expect(idsOf(transport)).toEqual([['a']])
    stopA()
    await Promise.resolve()
    expect(transport.open.size).toBe(0)
  })

  it('ends the stream as soon as the last row leaves, with no timer left armed behind it', async () => {
    const { transport, hub } = setup()
    const stop = hub.watch('a', () => {})
    vi.advanceTimersByTime(DEBOUNCE)
    expect(transport.open.size).toBe(1)
    stop()
    await Promise.resolve()
    expect(transport.open.size).toBe(0)
    // A timer firing after a test's DOM is torn down read `document` (an uncaught error in CI).
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps the stream when every row unmounts and mounts again in the same commit', async () => {
    const { transport, hub } = setup()
    const stop = hub.watch('a', () => {})
    vi.advanceTimersByTime(DEBOUNCE)
    stop()
    hub.watch('a', () => {})
    await Promise.resolve()
    vi.advanceTimersByTime(DEBOUNCE)
    expect(transport.subscribed).toBe(1)
    expect(transport.open.size).toBe(1)
  })

  it('keeps the stream when a second row shows the same container', () => {
    const { transport, hub } = setup()
    const stopFirst = hub.watch('a', () => {})
    hub.watch('a', () => {})
    vi.advanceTimersByTime(DEBOUNCE)
    stopFirst()
    vi.advanceTimersByTime(DEBOUNCE)
    expect(transport.subscribed).toBe(1)
    expect(idsOf(transport)).toEqual([['a']])
  })

  it('has no stream while the window is hidden, and resumes when it shows again', () => {
    const { transport, hub, visibility } = setup()
    hub.watch('a', () => {})
    vi.advanceTimersByTime(DEBOUNCE)
    visibility.hidden = true
    visibility.fire()
    vi.advanceTimersByTime(DEBOUNCE)
    expect(transport.open.size).toBe(0)
    visibility.hidden = false
    visibility.fire()
    vi.advanceTimersByTime(DEBOUNCE)
    expect(idsOf(transport)).toEqual([['a']])
  })

  it('hands each row its own trail, bounded, skipping a missing CPU value', () => {
    const { transport, hub } = setup()
    const seen: Record<string, SparkTrail | undefined> = {}
    hub.watch('a', (trail) => (seen.a = trail))
    hub.watch('b', (trail) => (seen.b = trail))
    vi.advanceTimersByTime(DEBOUNCE)
    const [stream] = transport.streams('containers.statsMany')
    transport.push(stream.id, { id: 'a', sample: makeSample({ cpuPercent: null, memoryUsedBytes: 32 * 1024 * 1024 }) })
    expect(seen.a?.cpu).toEqual([])
    expect(seen.a?.memory).toEqual([50])
    for (let i = 0; i < TRAIL_LENGTH + 5; i++) transport.push(stream.id, { id: 'a', sample: makeSample({ cpuPercent: i }) })
    expect(seen.a?.cpu).toHaveLength(TRAIL_LENGTH)
    expect(seen.a?.cpu.at(-1)).toBe(TRAIL_LENGTH + 4)
    expect(seen.b).toBeUndefined()
  })

  it('retries after a failed stream while rows still want it', () => {
    const { transport, hub } = setup()
    hub.watch('a', () => {})
    vi.advanceTimersByTime(DEBOUNCE)
    const [stream] = transport.streams('containers.statsMany')
    transport.fail(stream.id, 'The Docker engine is unavailable.')
    expect(transport.open.size).toBe(0)
    vi.advanceTimersByTime(5000)
    expect(idsOf(transport)).toEqual([['a']])
  })
})

describe('sparklinePoints', () => {
  it('right-aligns the newest value and scales to the top', () => {
    expect(sparklinePoints([0, 50, 100], 100).split(' ')).toHaveLength(3)
    const points = sparklinePoints([0, 100], 100).split(' ').map((pair) => pair.split(',').map(Number))
    expect(points[1][0]).toBeCloseTo(48)
    expect(points[1][1]).toBe(0)
    expect(points[0][1]).toBe(24)
  })
})
