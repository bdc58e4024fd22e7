/**
 * DTOs of the embedded terminal (exec with a TTY, or attaching to a container created with -it).
 *
 * Output travels as UTF-8 text decoded on the main side with a streaming decoder (a character
 * split across engine chunks is held until whole), not as base64: a terminal consumes UTF-8
 * anyway, JSON text is ~25 % smaller than base64 for the mostly-ASCII output terminals produce,
 * and xterm.js takes strings without another decode. The one thing lost is the exact bytes of
 * invalid UTF-8, which xterm would render as U+FFFD either way.
 */
import { z } from 'zod'
import { ObjectRef } from './models'

export const TerminalCols = z.number().int('Columns must be a whole number.').min(2, 'At least 2 columns.').max(1000, 'At most 1000 columns.')
export const TerminalRows = z.number().int('Rows must be a whole number.').min(1, 'At least 1 row.').max(1000, 'At most 1000 rows.')

/** "auto": bash if the container has /bin/bash, else sh. Or an explicit command line. */
export const ShellChoice = z.union([
  z.literal('auto'),
  z
    .array(z.string().min(1, 'A command word cannot be empty.').max(4096, 'A command word is at most 4096 characters.'))
    .min(1, 'Give at least the program to run.')
    .max(64, 'At most 64 command words.')
])
export type ShellChoice = z.infer<typeof ShellChoice>

/** Session ids are random UUIDs: unguessable, so one client cannot type into another's shell. */
export const SessionId = z.uuid({ message: 'Not a terminal session id.' })

export const ExecSessionInput = z
  .object({
    containerId: ObjectRef,
    /** exec: a new process in the container (the default). attach: the container's own TTY (created with -it). */
    mode: z.enum(['exec', 'attach']).default('exec'),
    shell: ShellChoice.default('auto'),
    cols: TerminalCols.default(80),
    rows: TerminalRows.default(24)
  })
  .strict()
export type ExecSessionInput = z.input<typeof ExecSessionInput>

export const ExecSessionEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    sessionId: SessionId,
    mode: z.enum(['exec', 'attach']),
    /** What runs: ['/bin/bash'], ['/bin/sh'], the given command, or the container's own command when attached. */
    shell: z.array(z.string())
  }),
  /** `bytes` is what the engine sent for this text; the client acknowledges it once rendered. */
  z.object({ type: z.literal('data'), data: z.string(), bytes: z.number().int().nonnegative() }),
  /** null when the engine could not tell (e.g. the container was removed). */
  z.object({ type: z.literal('exit'), exitCode: z.number().int().nullable() })
])
export type ExecSessionEvent = z.infer<typeof ExecSessionEvent>

/** One input write is bounded so a paste cannot make one giant frame; the UI splits longer pastes. */
export const MAX_INPUT_CHARS = 256 * 1024

export const ExecInputInput = z
  .object({ sessionId: SessionId, data: z.string().min(1, 'Nothing to send.').max(MAX_INPUT_CHARS, `At most ${MAX_INPUT_CHARS} characters per write.`) })
  .strict()
export const ExecResizeInput = z.object({ sessionId: SessionId, cols: TerminalCols, rows: TerminalRows }).strict()
export const ExecAckInput = z
  .object({ sessionId: SessionId, bytes: z.number().int('Bytes must be a whole number.').positive('Acknowledge at least 1 byte.').max(2 ** 40) })
  .strict()
