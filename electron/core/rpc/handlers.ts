/**
 * Handler table types, derived from the contract so the compiler refuses a handler whose input,
 * output or event does not match its method.
 */
import type { CallName, EventOf, OutputOf, ParsedInputOf, StreamName } from '../../../shared/contract'

export type CallHandler<K extends CallName> = (input: ParsedInputOf<K>, signal: AbortSignal) => Promise<OutputOf<K>>

/** Ends by returning, fails by throwing, stops when `signal` aborts. */
export type StreamHandler<K extends StreamName> = (
  input: ParsedInputOf<K>,
  emit: (event: EventOf<K>) => void,
  signal: AbortSignal
) => Promise<void>

export type CallHandlers = { [K in CallName]: CallHandler<K> }
export type StreamHandlers = { [K in StreamName]: StreamHandler<K> }
export type HandlerTable = CallHandlers & StreamHandlers

/** Handlers a resource file contributes; the table is the union of all of them. */
export type PartialHandlers<K extends CallName | StreamName> = Pick<HandlerTable, K>
