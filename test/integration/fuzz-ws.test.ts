/**
 * Fuzz over the real WebSocket with a real core: thousands of random binary and text messages and
 * malformed frames. Each message that expects an answer gets exactly one terminal frame (bad ones
 * an err), and the server still answers a valid call afterwards.
 * Only read-only methods are ever sent with a chance of valid input: the engine is shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClientFrame, type ServerFrame } from '../../shared/wire'
import { mutatedFrame, pick, randomJson, randomString, seededRandom, type Random } from '../support/fuzz'
import { TEST_TOKEN, startTestServer, type TestServer } from './support/berthServer'
import { openConnection, type OpenConnection } from './support/wsClient'

const MESSAGES = 3_000
const SEED = Number(process.env.BERTH_FUZZ_SEED ?? 7_340_021)
const SAFE_METHODS = new Set(['engines.list', 'engines.info', 'containers.list', 'images.list', 'volumes.list', 'networks.list'])

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
})
afterAll(async () => {
  await t?.stop()
})

type Message = { data: string | Buffer; expectsAnswer: boolean; malformed: boolean }

/** Anything that could reach a mutating handler or a long-lived stream gets an unknown method name. */
function defang(frame: unknown): unknown {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return frame
  const method = (frame as { method?: unknown }).method
  if (typeof method === 'string' && !SAFE_METHODS.has(method)) return { ...frame, method: `fuzz.${method.slice(0, 50)}` }
  return frame
}

function randomMessage(random: Random, n: number): Message {
  const roll = random()
  if (roll < 0.15) {
    const bytes = Buffer.alloc(Math.floor(random() * 64))
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256)
    return { data: bytes, expectsAnswer: true, malformed: true }
  }
  if (roll < 0.3) {
    const text = pick(random, ['{', '}{', '{"t":', 'undefined', 'NaN', "{'t':'call'}", '[1,2', randomString(random, 80)])
    let valid = true
    try {
      JSON.parse(text)
    } catch {
      valid = false
    }
    if (!valid) return { data: text, expectsAnswer: true, malformed: true }
  }
  const frame = defang(random() < 0.3 ? randomJson(random) : mutatedFrame(random, n))
  const parsed = ClientFrame.safeParse(frame)
  return {
    data: JSON.stringify(frame) ?? 'null',
    expectsAnswer: !(parsed.success && parsed.data.t === 'cancel'),
    malformed: !parsed.success
  }
}

const isTerminal = (frame: ServerFrame): boolean => frame.t === 'ok' || frame.t === 'err' || frame.t === 'end'

describe('WebSocket fuzz', () => {
  it(`answers ${MESSAGES} random messages one for one and keeps serving (seed ${SEED})`, async () => {
    const random = seededRandom(SEED)
    const c: OpenConnection = await openConnection(`ws://127.0.0.1:${t.server.port}/rpc?token=${TEST_TOKEN}`)
    let terminals = 0
    let malformed = 0
    for (let n = 0; n < MESSAGES; n++) {
      const message = randomMessage(random, n)
      const before = c.frames.length
      c.socket.send(message.data)
      if (!message.expectsAnswer) continue
      // Wait for this message's terminal frame before sending the next, so answers can be attributed.
      while (c.frames.slice(before).filter(isTerminal).length < 1) await c.waitFor(c.frames.length + 1, 10_000)
      const terminal = c.frames.slice(before).filter(isTerminal)
      expect(terminal, `message ${n}: ${String(message.data).slice(0, 200)}`).toHaveLength(1)
      if (message.malformed) {
        malformed++
        expect(terminal[0]).toMatchObject({ t: 'err', error: { code: 'BAD_FRAME' } })
      }
      terminals++
    }
    // Valid cancels get no answer; give any stray frame a moment to show up, then count exactly.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(c.frames.filter(isTerminal)).toHaveLength(terminals)
    expect(malformed).toBeGreaterThan(MESSAGES / 3)

    c.socket.send(JSON.stringify({ t: 'call', id: 999_999, method: 'engines.list', input: {} }))
    const frames = await c.waitFor(c.frames.length + 1)
    expect(frames[frames.length - 1]).toMatchObject({ t: 'ok', id: 999_999 })
    expect(c.socket.readyState).toBe(c.socket.OPEN)
    c.socket.close()

    // A fresh connection works too: the server survived.
    const fresh = await openConnection(`ws://127.0.0.1:${t.server.port}/rpc?token=${TEST_TOKEN}`)
    fresh.socket.send(JSON.stringify({ t: 'call', id: 1, method: 'containers.list', input: {} }))
    const [answer] = await fresh.waitFor(1)
    expect(answer).toMatchObject({ t: 'ok', id: 1 })
    fresh.socket.close()
  })
})
