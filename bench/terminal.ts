/**
 * The terminal's measurements, each against the raw engine in the same run:
 *  (a) open → first byte: clicking "New terminal" → the first output frame of that session
 *      reaching the page, against raw exec create + start (hijacked) + first byte on the socket.
 *  (b) a 50 MB flood through the real UI: the longest gap between animation frames in the page
 *      while it streams (requestAnimationFrame), and the time until the end marker is on screen,
 *      against reading the same output raw from an exec with a TTY.
 */
import http from 'node:http'
import type { Duplex } from 'node:stream'
import type { Page } from '@playwright/test'
import { frameArrival } from '../test/e2e/support/page-probes'
import { engineJson } from '../test/support/engineHttp'

/** yes + head: the output is generated in the container, no file to create; lines of 37 bytes. */
export const FLOOD_BYTES = 50_000_000
export const FLOOD_COMMAND = `yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c ${FLOOD_BYTES}`

interface Hijacked {
  socket: Duplex
  execId: string
}

/** Raw exec with a TTY: create, start with a hijacked connection; resolves with the socket. */
async function rawExec(socketPath: string, containerId: string, cmd: string[]): Promise<Hijacked> {
  const { Id: execId } = await engineJson<{ Id: string }>(socketPath, `/containers/${containerId}/exec`, {
    method: 'POST',
    body: { Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true }
  })
  const socket = await new Promise<Duplex>((resolve, reject) => {
    const req = http.request({
      socketPath,
      method: 'POST',
      path: `/exec/${execId}/start`,
      headers: { 'Content-Type': 'application/json', Connection: 'Upgrade', Upgrade: 'tcp' }
    })
    req.on('upgrade', (_res, sock, head) => {
      if (head.length > 0) sock.unshift(head)
      resolve(sock)
    })
    req.on('response', (res) => reject(new Error(`raw exec start was not upgraded: HTTP ${res.statusCode}`)))
    req.on('error', reject)
    req.end(JSON.stringify({ Detach: false, Tty: true }))
  })
  return { socket, execId }
}

/** create + start + first byte of a shell, raw. */
export async function rawOpenToFirstByte(socketPath: string, containerId: string): Promise<number> {
  const started = performance.now()
  const { socket } = await rawExec(socketPath, containerId, ['/bin/sh'])
  await new Promise<void>((resolve) => socket.once('data', () => resolve()))
  const elapsed = performance.now() - started
  socket.destroy()
  return elapsed
}

/** Reads the flood raw to its end; resolves with the time and the bytes read. */
export async function rawFlood(socketPath: string, containerId: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now()
  const { socket } = await rawExec(socketPath, containerId, ['/bin/sh', '-c', FLOOD_COMMAND])
  let bytes = 0
  socket.on('data', (chunk: Buffer) => (bytes += chunk.length))
  await new Promise((resolve) => socket.once('end', resolve).once('close', resolve))
  return { ms: performance.now() - started, bytes }
}

/**
 * Clicks "New terminal" and waits for the new session's first output frame to reach the page,
 * timed from the click event inside the page (Playwright's own click round trips excluded).
 */
export async function berthOpenToFirstByte(page: Page): Promise<number> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as { __clickAt?: number; document: { addEventListener(type: string, listener: () => void, options: object): void } }
    scope.__clickAt = undefined
    scope.document.addEventListener('click', () => (scope.__clickAt = performance.timeOrigin + performance.now()), { capture: true, once: true })
  })
  await page.getByRole('button', { name: 'New terminal' }).click()
  const since = await page.evaluate(() => (globalThis as unknown as { __clickAt?: number }).__clickAt ?? Number.NaN)
  if (Number.isNaN(since)) throw new Error('the click on "New terminal" was not seen in the page')
  const deadline = Date.now() + 10_000
  for (;;) {
    // "ready" precedes the data; the first frame with data after the click is the shell's first byte.
    const arrival = await page.evaluate(frameArrival, [['"type":"data"'], since] as [string[], number])
    if (arrival !== null) return arrival - since
    if (Date.now() > deadline) throw new Error('no output frame within 10 s of clicking "New terminal"')
    await page.waitForTimeout(5)
  }
}

/** In the page: records the longest gap between animation frames until stopped. */
export function startFrameGapRecorder(): void {
  // Runs in the page; Node's types don't know requestAnimationFrame, so it is read off globalThis.
  const scope = globalThis as unknown as {
    __gap?: { longest: number; running: boolean; frames: number }
    requestAnimationFrame(callback: (now: number) => void): number
  }
  const requestAnimationFrame = scope.requestAnimationFrame.bind(globalThis)
  const state = { longest: 0, running: true, frames: 0 }
  scope.__gap = state
  let last = performance.now()
  const tick = (now: number): void => {
    state.longest = Math.max(state.longest, now - last)
    state.frames++
    last = now
    if (state.running) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

export function stopFrameGapRecorder(): { longest: number; frames: number } {
  const scope = globalThis as unknown as { __gap?: { longest: number; running: boolean; frames: number } }
  if (!scope.__gap) return { longest: Number.NaN, frames: 0 }
  scope.__gap.running = false
  return { longest: scope.__gap.longest, frames: scope.__gap.frames }
}
