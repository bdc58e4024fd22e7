/**
 * Logs bench (issue 3 §3), all in one run on the test engine:
 *  1. A busybox container prints N lines (`seq 1 N`, default 1 M), labelled, removed after.
 *  2. Ingest, alternating runs: the raw socket read of GET /containers/{id}/logs (request → last
 *     byte) against Berth's path — engine → our demuxer → batched `ev` frames → the browser-mode
 *     WebSocket, read by a Node WebSocket client that parses every frame and counts lines.
 *     Goal: Berth's throughput ≥ 0.9× raw (i.e. raw time / Berth time ≥ 0.9).
 *  3. In Chromium: open the container's Logs tab with tail "all", wait until every line arrived,
 *     then read the renderer's heap (CDP Runtime.getHeapUsage after a GC; goal ≤ 150 MB) and time
 *     a search over the N lines in the page (goal ≤ 200 ms).
 */
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import WebSocket from 'ws'
import type { Browser } from '@playwright/test'
import { EngineApi } from '../test/e2e/support/engine-api'
import type { ServeHandle } from '../test/e2e/support/serve'
import { measureLogsPage, type LogsPageFigures } from './logs-page'

export interface LogsBenchOptions {
  lines: number
  runs: number
}

export interface LogsBenchReport {
  lines: number
  rawMs: number[]
  rawBytes: number
  berthMs: number[]
  berthFrames: number
  page: LogsPageFigures | { skipped: string }
}

export const LOGS_BENCH_LABEL = 'berth.test.suite'
const LOGS_BENCH_VALUE = 'bench-logs'

/** Creates the container that printed the lines and waits for it to finish. */
export async function createLogContainer(engine: EngineApi, image: string, lines: number): Promise<{ id: string; name: string }> {
  const name = `bench-logs-${randomBytes(3).toString('hex')}`
  const body = await engine.ok('POST', `/containers/create?name=${name}`, {
    Image: image,
    Cmd: ['sh', '-c', `seq 1 ${lines}`],
    Labels: { 'berth.test': '1', 'berth.test.run': name, [LOGS_BENCH_LABEL]: LOGS_BENCH_VALUE },
    HostConfig: { NetworkMode: 'none' }
  })
  const id = (body as { Id: string }).Id
  await engine.start(id)
  await engine.ok('POST', `/containers/${id}/wait`, undefined)
  return { id, name }
}

export async function removeLogContainers(engine: EngineApi): Promise<number> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${LOGS_BENCH_LABEL}=${LOGS_BENCH_VALUE}`] }))
  const list = (await engine.ok('GET', `/containers/json?all=1&filters=${filters}`)) as Array<{ Id: string }>
  await Promise.all(list.map((c) => engine.remove(c.Id)))
  return list.length
}

/** The baseline: the engine's multiplexed body read to its last byte, nothing parsed. */
function rawRead(socketPath: string, id: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    let bytes = 0
    const req = http.request({ socketPath, method: 'GET', path: `/containers/${id}/logs?stdout=1&stderr=1&tail=all` }, (res) => {
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => resolve({ ms: performance.now() - started, bytes }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** Berth's path, end to end, with a WebSocket client like the page's: subscribe → last line. */
function berthRead(server: ServeHandle, id: string, expected: number): Promise<{ ms: number; frames: number }> {
  return new Promise((resolve, reject) => {
    const url = `${server.origin.replace(/^http/, 'ws')}/rpc?token=${server.token}`
    const socket = new WebSocket(url, { origin: server.origin, perMessageDeflate: false })
    let started = 0
    let lines = 0
    let frames = 0
    socket.on('open', () => {
      started = performance.now()
      socket.send(JSON.stringify({ t: 'sub', id: 1, method: 'containers.logs', input: { id, tail: 'all', timestamps: false, follow: false } }))
    })
    socket.on('message', (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as { t: string; event?: { count: number }; error?: { message: string } }
      if (frame.t === 'ev' && frame.event) {
        frames++
        lines += frame.event.count
      } else if (frame.t === 'end') {
        const ms = performance.now() - started
        socket.close()
        if (lines !== expected) reject(new Error(`Berth delivered ${lines} lines, expected ${expected}`))
        else resolve({ ms, frames })
      } else if (frame.t === 'err') {
        socket.close()
        reject(new Error(`containers.logs failed: ${frame.error?.message}`))
      }
    })
    socket.on('error', reject)
  })
}

export async function runLogsBench(
  engine: EngineApi,
  image: string,
  server: ServeHandle,
  browser: Browser,
  options: LogsBenchOptions,
  log: (line: string) => void
): Promise<LogsBenchReport> {
  const made = performance.now()
  const container = await createLogContainer(engine, image, options.lines)
  log(`bench logs: ${container.name} printed ${options.lines.toLocaleString('en-US')} lines in ${((performance.now() - made) / 1000).toFixed(1)} s`)
  const report: LogsBenchReport = { lines: options.lines, rawMs: [], rawBytes: 0, berthMs: [], berthFrames: 0, page: { skipped: 'not run' } }
  for (let run = 0; run < options.runs; run++) {
    // Alternate the order so neither side always meets a warmer engine (its log file in the page cache).
    const order = run % 2 === 0 ? (['raw', 'berth'] as const) : (['berth', 'raw'] as const)
    for (const side of order) {
      if (side === 'raw') {
        const raw = await rawRead(engine.socketPath, container.id)
        report.rawMs.push(raw.ms)
        report.rawBytes = raw.bytes
      } else {
        const berth = await berthRead(server, container.id, options.lines)
        report.berthMs.push(berth.ms)
        report.berthFrames = berth.frames
      }
    }
    log(`bench logs: run ${run + 1}: raw ${report.rawMs.at(-1)?.toFixed(0)} ms, Berth ${report.berthMs.at(-1)?.toFixed(0)} ms`)
  }
  try {
    report.page = await measureLogsPage(browser, server, container.name, options.lines, log)
  } catch (err) {
    report.page = { skipped: err instanceof Error ? err.message : String(err) }
  }
  return report
}
