// @vitest-environment jsdom
/**
 * The Stats tab over a fake transport: it streams only while visible and the container runs,
 * shows the numbers as text on named charts, and keeps its history across hide/show.
 * uPlot needs a real canvas, which jsdom lacks; it is replaced by a recorder of what it was given.
 */
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { RpcClient } from '../../renderer/src/api/client'
import { StatsTab } from '../../renderer/src/features/stats/StatsTab'
import { StoresContext } from '../../renderer/src/stores/context'
import { createBerthStores, type BerthStores } from '../../renderer/src/stores/index'
import { makeContainer } from './fixtures'
import { makeSample, StatsTransport } from './statsTransport'

const plotted = vi.hoisted(() => ({ charts: [] as Array<{ data: unknown[]; destroyed: boolean }> }))
vi.mock('uplot', () => ({
  default: class FakePlot {
    private readonly record: { data: unknown[]; destroyed: boolean }
    constructor(_options: unknown, data: unknown[]) {
      this.record = { data, destroyed: false }
      plotted.charts.push(this.record)
    }
    setData(data: unknown[]): void {
      this.record.data = data
    }
    setSize(): void {}
    destroy(): void {
      this.record.destroyed = true
    }
  }
}))
vi.mock('uplot/dist/uPlot.min.css', () => ({}))

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    disconnect(): void {}
    unobserve(): void {}
  } as unknown as typeof ResizeObserver
})

afterEach(() => {
  cleanup()
  plotted.charts.length = 0
})

function setup(state: 'running' | 'exited' = 'running'): { transport: StatsTransport; stores: BerthStores; show: (visible: boolean) => void } {
  const transport = new StatsTransport()
  const stores = createBerthStores(new RpcClient(transport), transport, 'containers')
  stores.containers.getState().upsert(makeContainer({ id: 'c1', name: 'web', state }))
  const tree = (visible: boolean) => (
    <StoresContext.Provider value={stores}>
      <StatsTab containerId="c1" visible={visible} />
    </StoresContext.Provider>
  )
  const view = render(tree(true))
  return { transport, stores, show: (visible) => view.rerender(tree(visible)) }
}

describe('StatsTab', () => {
  it('streams while visible and shows each chart with a name and the current numbers', () => {
    const { transport } = setup()
    const [stream] = transport.streams('containers.stats')
    expect(stream.input).toEqual({ id: 'c1' })
    act(() => {
      transport.push(stream.id, makeSample({ cpuPercent: null }))
      transport.push(stream.id, makeSample({ cpuPercent: 7.5, memoryUsedBytes: 3_400_000 }))
    })
    expect(screen.getByRole('group', { name: 'CPU' }).textContent).toContain('7.5 % of one core (2 CPUs)')
    const memory = screen.getByRole('group', { name: 'Memory' })
    expect(memory.getAttribute('aria-describedby')).toBeTruthy()
    expect(document.getElementById(memory.getAttribute('aria-describedby') ?? '')?.textContent).toBe('3.4 MB of 67.1 MB limit (5.1 %)')
    expect(screen.getByRole('group', { name: 'Network' }).textContent).toContain('In 2.0 kB/s, out 500 B/s')
    expect(screen.getByRole('group', { name: 'Block I/O' }).textContent).toContain('write 4.1 kB/s')
    expect(screen.getByRole('status').textContent).toMatch(/Live/)
    // Four charts, each given the time column plus its own series.
    const live = plotted.charts.filter((chart) => !chart.destroyed)
    expect(live.map((chart) => chart.data.length)).toEqual([2, 3, 3, 3])
    expect((live[1].data[2] as number[]).at(-1)).toBe(64 * 1024 * 1024)
  })

  it('closes the stream while hidden and keeps the history for when it shows again', () => {
    const { transport, show } = setup()
    const [first] = transport.streams('containers.stats')
    act(() => transport.push(first.id, makeSample({ memoryLimitBytes: 100_000_000 })))
    show(false)
    expect(transport.streams('containers.stats')).toEqual([])
    show(true)
    expect(transport.streams('containers.stats')).toHaveLength(1)
    expect(screen.getByRole('group', { name: 'Memory' }).textContent).toContain('of 100 MB limit')
  })

  it('opens no stream for a stopped container and says why', () => {
    const { transport } = setup('exited')
    expect(transport.open.size).toBe(0)
    expect(screen.getByRole('status').textContent).toMatch(/container is exited/)
  })

  it('follows a live limit change: the newest limit is plotted and described', () => {
    const { transport } = setup()
    const [stream] = transport.streams('containers.stats')
    act(() => {
      transport.push(stream.id, makeSample({ memoryLimitBytes: 64 * 1024 * 1024 }))
      transport.push(stream.id, makeSample({ memoryLimitBytes: 96 * 1024 * 1024 }))
    })
    expect(screen.getByRole('group', { name: 'Memory' }).textContent).toContain('of 101 MB limit')
    const memoryChart = plotted.charts.filter((chart) => !chart.destroyed)[1]
    expect((memoryChart.data[2] as number[]).slice(-2)).toEqual([64 * 1024 * 1024, 96 * 1024 * 1024])
  })
})
