/**
 * Frames carried by both transports (Electron IPC and the browser-mode WebSocket).
 * A client sends `call`, `sub` and `cancel`; the peer answers with `ok`, `err`, `ev` and `end`.
 * An `err` whose id is null answers a frame too malformed to have a usable id.
 */
import { z } from 'zod'
import { ERROR_CODES, type RpcErrorShape as RpcErrorShapeType } from './errors'

export const RpcErrorShape = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  detail: z.unknown().optional()
})
// The schema and errors.ts's interface must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const errorShapeMatches: Same<z.infer<typeof RpcErrorShape>, RpcErrorShapeType> = true
void errorShapeMatches

export const FrameId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
export type FrameId = z.infer<typeof FrameId>

const MethodName = z.string().min(1).max(128)

export const CallFrame = z.object({ t: z.literal('call'), id: FrameId, method: MethodName, input: z.unknown() })
export const SubFrame = z.object({ t: z.literal('sub'), id: FrameId, method: MethodName, input: z.unknown() })
export const CancelFrame = z.object({ t: z.literal('cancel'), id: FrameId })
export const ClientFrame = z.discriminatedUnion('t', [CallFrame, SubFrame, CancelFrame])
export type ClientFrame = z.infer<typeof ClientFrame>

export const OkFrame = z.object({ t: z.literal('ok'), id: FrameId, output: z.unknown() })
export const ErrFrame = z.object({ t: z.literal('err'), id: FrameId.nullable(), error: RpcErrorShape })
export const EvFrame = z.object({ t: z.literal('ev'), id: FrameId, event: z.unknown() })
export const EndFrame = z.object({ t: z.literal('end'), id: FrameId })
export const ServerFrame = z.discriminatedUnion('t', [OkFrame, ErrFrame, EvFrame, EndFrame])
export type ServerFrame = z.infer<typeof ServerFrame>

/** Upper bound on one encoded frame; larger inputs are refused before parsing. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024
