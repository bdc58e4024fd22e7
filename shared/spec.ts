/**
 * The two shapes a method can have. A call is input → one output; a stream is input → many
 * events, ended by the peer or cancelled by the client. Method modules under shared/methods/
 * build their entries with these; shared/contract.ts merges them into the one contract.
 */
import { z } from 'zod'

export interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  kind: 'call'
  input: I
  output: O
}
export interface StreamSpec<I extends z.ZodType, E extends z.ZodType> {
  kind: 'stream'
  input: I
  event: E
}

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({
  kind: 'call',
  input,
  output
})
export const stream = <I extends z.ZodType, E extends z.ZodType>(input: I, event: E): StreamSpec<I, E> => ({
  kind: 'stream',
  input,
  event
})

/** Input of methods that take nothing. Strict: unknown keys are refused, not ignored. */
export const None = z.object({}).strict()
/** Output of actions whose only result is that they happened. */
export const Done = z.object({ ok: z.literal(true) })
