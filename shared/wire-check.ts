/**
 * The renderer's check of frames from the server, without zod: the client needs it before its
 * first paint (zod is ~90 KB of minified JavaScript) and runs it on every frame of a flood. It
 * accepts exactly what wire.ts's ServerFrame schema accepts and returns an equal object (unknown
 * keys dropped); test/unit/wire-check.test.ts holds the two to each other.
 */
import { ERROR_CODES, type ErrorCode } from './errors'
import type { ServerFrame } from './wire'

export type FrameCheck = { ok: true; frame: ServerFrame } | { ok: false; problem: string }

export const isFrameId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER

const isErrorCode = (value: unknown): value is ErrorCode => (ERROR_CODES as readonly unknown[]).includes(value)

const fail = (problem: string): FrameCheck => ({ ok: false, problem })

export function checkServerFrame(raw: unknown): FrameCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('a frame must be an object')
  const frame = raw as Record<string, unknown>
  const { t, id } = frame
  if (t === 'err') {
    if (id !== null && !isFrameId(id)) return fail('an err frame needs a frame id or null')
    const error = frame.error
    if (typeof error !== 'object' || error === null) return fail('an err frame needs an error')
    const { code, message, detail } = error as Record<string, unknown>
    if (!isErrorCode(code)) return fail('unknown error code')
    if (typeof message !== 'string') return fail('an error needs a message')
    const shape = 'detail' in error ? { code, message, detail } : { code, message }
    return { ok: true, frame: { t, id, error: shape } }
  }
  if (t !== 'ok' && t !== 'ev' && t !== 'end') return fail('unknown frame type')
  if (!isFrameId(id)) return fail('a frame id is a whole number from 0')
  // The schema wants the payload's key present (its value may be anything).
  if (t === 'ok') return 'output' in frame ? { ok: true, frame: { t, id, output: frame.output } } : fail('an ok frame carries an output')
  if (t === 'ev') return 'event' in frame ? { ok: true, frame: { t, id, event: frame.event } } : fail('an ev frame carries an event')
  return { ok: true, frame: { t, id } }
}
