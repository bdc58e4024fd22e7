// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { RpcClient, type TransportState } from '../../renderer/src/api/client'
import type { ObservableTransport } from '../../renderer/src/api/transport'
import { LogsTab } from '../../renderer/src/features/logs/LogsTab'
import { LOG_RENDER_INTERVAL_MS } from '../../renderer/src/features/logs/useLogStream'
import { StoresContext } from '../../renderer/src/stores/context'
import { createBerthStores } from '../../renderer/src/stores/index'
import { linesBatch, type LogBatch, type LogLine } from '../../shared/logs-models'
import type { ClientFrame, ServerFrame } from '../../shared/wire'
import { giveElementsASize } from './renderBerth'

/** Only what the Logs tab uses: containers.logs subscriptions, driven by the test. */
class LogsTransport implements ObservableTransport {
  readonly state: TransportState = 'open'
  readonly subs = new Map<number, unknown>()
  readonly cancelled: number[] = []
  /** containers.logsAck inputs, in order (answered at once). */
  readonly acks: Array<{ paceId: string; batches: number }> = []
  private listener: ((frame: ServerFrame) => void) | null = null
  send(frame: ClientFrame): void {
    if (frame.t === 'sub' && frame.method === 'containers.logs') this.subs.set(frame.id, frame.input)
    if (frame.t === 'call' && frame.method === 'containers.logsAck') {
      this.acks.push(frame.input as { paceId: string; batches: number })
      const id = frame.id
      queueMicrotask(() => this.listener?.({ t: 'ok', id, output: { ok: true } }))
    }
    if (frame.t === 'cancel') {
      this.subs.delete(frame.id)
      this.cancelled.push(frame.id)
    }
  }
  onFrame(listener: (frame: ServerFrame) => void): void {
    this.listener = listener
  }
  onState(): () => void {
    return () => {}
  }
  /** The input of the one live subscription. */
  get live(): { id: number; input: unknown } {
    const entries = [...this.subs.entries()]
    expect(entries).toHaveLength(1)
    return { id: entries[0][0], input: entries[0][1] }
  }
  push(batch: LogBatch): void {
    this.listener?.({ t: 'ev', id: this.live.id, event: batch })
  }
}

afterEach(() => cleanup())

function setup(visible = true): { transport: LogsTransport; rerender: (visible: boolean) => void } {
  giveElementsASize(1000, 400)
  const transport = new LogsTransport()
  const stores = createBerthStores(new RpcClient(transport), transport)
  const ui = (shown: boolean) => (
    <StoresContext.Provider value={stores}>
      <LogsTab containerId="c0ffee" visible={shown} />
    </StoresContext.Provider>
  )
  const view = render(ui(visible))
  return { transport, rerender: (shown) => view.rerender(ui(shown)) }
}

const log = () => screen.getByRole('log', { name: 'Log lines' })
const shownTexts = () => Array.from(log().querySelectorAll('.log-text')).map((node) => node.textContent)
const out = (text: string): LogLine => ({ stream: 'stdout', text })

async function pushAndSettle(transport: LogsTransport, batch: LogBatch): Promise<void> {
  await act(async () => {
    transport.push(batch)
    await new Promise((resolve) => setTimeout(resolve, 300))
  })
}

describe('LogsTab', () => {
  it('opens the log only once shown, asking for the last 1000 lines then follow', async () => {
    const { transport, rerender } = setup(false)
    expect(transport.subs.size).toBe(0)
    rerender(true)
    await waitFor(() => expect(transport.subs.size).toBe(1))
    expect(transport.live.input).toEqual({ id: 'c0ffee', tail: 1000, timestamps: true, follow: true, paceId: expect.stringMatching(/^logs-[0-9a-f]{24}$/) })
  })

  it('acknowledges every batch it has taken in, as a running total on the stream it named', async () => {
    const { transport } = setup()
    await waitFor(() => expect(transport.subs.size).toBe(1))
    const { paceId } = transport.live.input as { paceId: string }
    await pushAndSettle(transport, { tty: false, ...linesBatch([out('one')]) })
    await pushAndSettle(transport, linesBatch([out('two'), out('three')]))
    await pushAndSettle(transport, { count: 0, text: '' })
    expect(transport.acks.at(-1)).toEqual({ paceId, batches: 3 })
    // Totals only grow, one ack per drain at most.
    const totals = transport.acks.map((ack) => ack.batches)
    expect(totals).toEqual([...totals].sort((a, b) => a - b))
    expect(new Set(totals).size).toBe(totals.length)
  })

  it('redraws a flood at most every LOG_RENDER_INTERVAL_MS, and draws its last lines', async () => {
    const { transport } = setup()
    await waitFor(() => expect(transport.subs.size).toBe(1))
    await pushAndSettle(transport, { tty: false, ...linesBatch([out('first')]) })
    const redraws: number[] = []
    const observer = new MutationObserver(() => redraws.push(performance.now()))
    observer.observe(log(), { attributes: true, attributeFilter: ['data-received'] })
    const batches = 30
    await act(async () => {
      for (let index = 0; index < batches; index++) {
        transport.push(linesBatch([out(`line ${index}`)]))
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    })
    const floodMs = performance.now() - (redraws[0] ?? performance.now())
    await waitFor(() => expect(log().getAttribute('data-received')).toBe(String(batches + 1)))
    observer.disconnect()
    expect(shownTexts().at(-1)).toBe(`line ${batches - 1}`)
    // ~300 ms of batches every 10 ms: a redraw per batch would be 30.
    expect(redraws.length).toBeLessThanOrEqual(Math.ceil(floodMs / LOG_RENDER_INTERVAL_MS) + 2)
    for (let index = 1; index < redraws.length; index++) expect(redraws[index] - redraws[index - 1]).toBeGreaterThanOrEqual(LOG_RENDER_INTERVAL_MS - 5)
  })

  it('shows lines, tells stderr apart, filters by stream, clears', async () => {
    const user = userEvent.setup()
    const { transport } = setup()
    await waitFor(() => expect(transport.subs.size).toBe(1))
    await pushAndSettle(transport, { tty: false, ...linesBatch([out('hello'), { stream: 'stderr', text: 'boom' }, out('bye')]) })
    expect(shownTexts()).toEqual(['hello', 'boom', 'bye'])
    const stderrRow = log().querySelector('.log-stderr')
    expect(stderrRow?.textContent).toContain('boom')
    expect(within(stderrRow as HTMLElement).getByLabelText('stderr')).toBeTruthy()
    expect(screen.getByText('3 lines')).toBeTruthy()

    await user.selectOptions(screen.getByRole('combobox', { name: 'Streams to show' }), 'stderr')
    expect(shownTexts()).toEqual(['boom'])
    await user.selectOptions(screen.getByRole('combobox', { name: 'Streams to show' }), 'all')
    await user.click(screen.getByRole('button', { name: 'Clear view' }))
    expect(shownTexts()).toEqual([])
    expect(screen.getByText('0 lines')).toBeTruthy()
  })

  it('searches with highlight, a counter and next/previous from the keyboard', async () => {
    const user = userEvent.setup()
    const { transport } = setup()
    await waitFor(() => expect(transport.subs.size).toBe(1))
    await pushAndSettle(transport, { tty: false, ...linesBatch(['alpha', 'Needle one', 'beta', 'a needle two', 'gamma'].map(out)) })
    const search = screen.getByRole('searchbox', { name: 'Search logs' })
    await user.type(search, 'NEEDLE{Enter}')
    const counter = screen.getByLabelText('Search result')
    expect(counter.textContent).toBe('1 of 2 lines')
    expect(Array.from(log().querySelectorAll('mark')).map((m) => m.textContent)).toEqual(['Needle', 'needle'])
    expect(log().querySelector('.log-match-current')?.textContent).toBe('Needle')
    await user.keyboard('{Enter}')
    expect(counter.textContent).toBe('2 of 2 lines')
    await user.keyboard('{Shift>}{Enter}{/Shift}')
    expect(counter.textContent).toBe('1 of 2 lines')
    await user.keyboard('{F3}')
    expect(counter.textContent).toBe('2 of 2 lines')
    await user.clear(search)
    await user.type(search, 'nothing-here{Enter}')
    expect(counter.textContent).toBe('No matches')
    expect(screen.getByRole('button', { name: 'Next match' })).toHaveProperty('disabled', true)
  })

  it('says "Following" only while the view follows: on a search match it says where it stopped, until Jump to latest', async () => {
    const user = userEvent.setup()
    const { transport } = setup()
    await waitFor(() => expect(transport.subs.size).toBe(1))
    await pushAndSettle(transport, { tty: false, ...linesBatch(['alpha', 'needle', 'beta'].map(out)) })
    const status = (): string => document.querySelector('.log-status [role="status"]')?.textContent ?? ''
    expect(status()).toBe('Following')

    await user.type(screen.getByRole('searchbox', { name: 'Search logs' }), 'needle{Enter}')
    expect(status()).toBe('Stopped at match 1 of 1; new lines keep arriving below')
    await pushAndSettle(transport, { tty: false, ...linesBatch(['needle again'].map(out)) })
    expect(status()).toBe('Stopped at match 1 of 2; new lines keep arriving below')

    await user.click(screen.getByRole('button', { name: 'Jump to latest' }))
    expect(status()).toBe('Following')
  })

  it('checks tail before asking the engine, then reopens the log with the new tail', async () => {
    const user = userEvent.setup()
    const { transport } = setup()
    await waitFor(() => expect(transport.subs.size).toBe(1))
    const first = transport.live.id
    const tail = screen.getByRole('textbox', { name: 'Lines to show first (tail)' })
    await user.clear(tail)
    await user.type(tail, 'lots{Enter}')
    expect(screen.getByRole('alert').textContent).toContain('whole number')
    expect(transport.live.id).toBe(first)
    await user.clear(tail)
    await user.type(tail, '50{Enter}')
    await waitFor(() => expect(transport.live.id).not.toBe(first))
    expect(transport.cancelled).toContain(first)
    expect(transport.live.input).toMatchObject({ tail: 50 })
  })

  it('keeps the DOM small with 100 000 lines (virtualized) and finds one of them', async () => {
    const user = userEvent.setup()
    const { transport } = setup()
    await waitFor(() => expect(transport.subs.size).toBe(1))
    const lines = Array.from({ length: 100_000 }, (_, i) => out(`line ${i}`))
    for (let at = 0; at < lines.length; at += 8192) await pushAndSettle(transport, linesBatch(lines.slice(at, at + 8192)))
    await waitFor(() => expect(screen.getByText('100,000 lines')).toBeTruthy())
    expect(log().querySelectorAll('.log-line').length).toBeLessThan(200)
    await user.type(screen.getByRole('searchbox', { name: 'Search logs' }), 'line 4242{Enter}')
    expect(screen.getByLabelText('Search result').textContent).toMatch(/^1 of \d+ lines$/)
  })
})
