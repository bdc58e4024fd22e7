/**
 * The contract: the ONE place a method is named. Each entry says whether it is a call
 * (input → one output) or a stream (input → many events), and gives its zod schemas.
 * Handlers (electron/core/handlers) and the renderer client derive their types from here.
 */
import { z } from 'zod'
import {
  ContainerSummary,
  EngineInfo,
  EngineSummary,
  ImageSummary,
  NetworkSummary,
  ObjectRef,
  VolumeSummary,
  WatchEvent
} from './models'

interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  kind: 'call'
  input: I
  output: O
}
interface StreamSpec<I extends z.ZodType, E extends z.ZodType> {
  kind: 'stream'
  input: I
  event: E
}

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({
  kind: 'call',
  input,
  output
})
const stream = <I extends z.ZodType, E extends z.ZodType>(input: I, event: E): StreamSpec<I, E> => ({
  kind: 'stream',
  input,
  event
})

const None = z.object({}).strict()
const Done = z.object({ ok: z.literal(true) })
const ById = z.object({ id: ObjectRef }).strict()

/** Docker accepts signal names (KILL, SIGTERM) and numbers; we accept both, bounded. */
const Signal = z.string().regex(/^(SIG)?[A-Z0-9+-]{1,12}$|^[0-9]{1,2}$/, 'a signal such as SIGKILL, TERM or 9')

export const contract = {
  // Engines
  'engines.list': call(None, z.array(EngineSummary)),
  'engines.use': call(z.object({ id: z.string().min(1).max(512) }).strict(), EngineSummary),
  'engines.info': call(None, EngineInfo),

  // Containers
  'containers.list': call(None, z.array(ContainerSummary)),
  'containers.start': call(ById, Done),
  'containers.stop': call(
    z.object({ id: ObjectRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() }).strict(),
    Done
  ),
  'containers.restart': call(
    z.object({ id: ObjectRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() }).strict(),
    Done
  ),
  'containers.pause': call(ById, Done),
  'containers.unpause': call(ById, Done),
  'containers.kill': call(z.object({ id: ObjectRef, signal: Signal.optional() }).strict(), Done),
  'containers.remove': call(
    z.object({ id: ObjectRef, force: z.boolean().optional(), volumes: z.boolean().optional() }).strict(),
    Done
  ),

  // Images
  'images.list': call(None, z.array(ImageSummary)),
  'images.remove': call(z.object({ id: ObjectRef, force: z.boolean().optional() }).strict(), Done),

  // Volumes and networks (read-only views in this slice)
  'volumes.list': call(None, z.array(VolumeSummary)),
  'networks.list': call(None, z.array(NetworkSummary)),

  // The live feed: engine connection changes and engine events, re-attached after reconnects.
  'events.watch': stream(None, WatchEvent)
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
export type CallName = { [K in MethodName]: Contract[K] extends CallSpec<z.ZodType, z.ZodType> ? K : never }[MethodName]
export type StreamName = { [K in MethodName]: Contract[K] extends StreamSpec<z.ZodType, z.ZodType> ? K : never }[MethodName]

export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>
export type ParsedInputOf<K extends MethodName> = z.output<Contract[K]['input']>
export type OutputOf<K extends CallName> = Contract[K] extends CallSpec<z.ZodType, infer O> ? z.output<O> : never
export type EventOf<K extends StreamName> = Contract[K] extends StreamSpec<z.ZodType, infer E> ? z.output<E> : never

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}
