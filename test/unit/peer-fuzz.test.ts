/**
 * Fuzz: thousands of random and malformed frames at a Peer. Every frame that expects an answer
 * gets exactly one terminal frame (ok, err or end), nothing throws, no promise rejects unhandled.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Peer } from '../../electron/core/rpc/peer'
import type { HandlerTable } from '../../electron/core/rpc/handlers'
import { contract } from '../../shared/contract'
import { ClientFrame, type ServerFrame } from '../../shared/wire'
import { mutatedFrame, pick, randomJson, seededRandom, type Random } from '../support/fuzz'

const FRAMES = 6_000
const SEED = Number(process.env.BERTH_FUZZ_SEED ?? 20_240_611)

/** Handlers for every method that finish at once: succeed, emit then end, or fail in assorted ways. */
function instantTable(random: Random): HandlerTable {
  const failures = [
    () => new Error('plain failure'),
    () => Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 }),
    () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    () => 'a thrown string'
  ]
  const entries = Object.entries(contract).map(([name, spec]) => {
    if (spec.kind === 'call') {
      return [name, async (input: unknown) => {
        if (random() < 0.2) throw pick(random, failures)()
        return { echoed: input }
      }]
    }
    return [name, async (_input: unknown, emit: (event: unknown) => void) => {
      emit({ first: true })
      if (random() < 0.2) throw pick(random, failures)()
      emit({ second: true })
    }]
  })
  return Object.fromEntries(entries) as unknown as HandlerTable
}

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

describe('Peer fuzz', () => {
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason)
  }
  beforeEach(() => {
    process.on('unhandledRejection', onUnhandled)
  })
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled)
  })

  it(`answers each of ${FRAMES} random frames exactly once (seed ${SEED})`, async () => {
    const random = seededRandom(SEED)
    const sent: ServerFrame[] = []
    const peer = new Peer(instantTable(random), (frame) => sent.push(frame))
    const counts = { answered: 0, cancels: 0, bad: 0 }

    for (let n = 0; n < FRAMES; n++) {
      const frame: unknown = random() < 0.35 ? randomJson(random) : mutatedFrame(random, n)
      const before = sent.length
      expect(() => peer.receive(frame)).not.toThrow()
      await settle()
      const answers = sent.slice(before)
      const terminal = answers.filter((f) => f.t === 'ok' || f.t === 'err' || f.t === 'end')
      const parsed = ClientFrame.safeParse(frame)
      const expectsAnswer = !(parsed.success && parsed.data.t === 'cancel')
      if (!expectsAnswer) {
        counts.cancels++
        expect(answers, `frame ${n}: ${JSON.stringify(frame)}`).toEqual([])
        continue
      }
      expect(terminal, `frame ${n}: ${JSON.stringify(frame)} → ${JSON.stringify(answers)}`).toHaveLength(1)
      // Events only ever precede a stream's terminal frame, under the same id.
      for (const ev of answers.filter((f) => f.t === 'ev')) expect(ev.id).toBe(terminal[0].id)
      if (!parsed.success) {
        counts.bad++
        expect(terminal[0].t).toBe('err')
        if (terminal[0].t === 'err') expect(terminal[0].error.code).toBe('BAD_FRAME')
      }
      counts.answered++
      // Everything the peer sends must itself be a valid server frame.
      for (const answer of answers) expect(() => JSON.stringify(answer)).not.toThrow()
    }

    expect(peer.inFlightCount).toBe(0)
    expect(unhandled).toEqual([])
    // The generator must really exercise both paths, not just one.
    expect(counts.bad).toBeGreaterThan(FRAMES / 4)
    expect(counts.answered - counts.bad).toBeGreaterThan(FRAMES / 20)
  })
})
