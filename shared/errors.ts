/**
 * Error codes that cross the RPC boundary. Every failure a person can see is one of these,
 * with a message written for people (what happened, and what to do next).
 */
// No zod here: the renderer needs RpcError before its first paint, and zod is ~90 KB of it.
// The wire schema for an error (wire.ts) is checked against these types at compile time.

export const ERROR_CODES = [
  'NOT_FOUND',
  'CONFLICT',
  'IN_USE',
  'ENGINE_UNAVAILABLE',
  'INVALID_INPUT',
  'CANCELLED',
  'UNKNOWN_METHOD',
  'BAD_FRAME',
  'UNAUTHORIZED',
  'TIMEOUT',
  /** The engine or the host can't do this at all (not a transient failure): say what to do instead. */
  'UNSUPPORTED',
  /** A server other than the engine (a registry, Docker Hub) can't be reached: offline, DNS, refused, TLS. */
  'UNREACHABLE',
  /** The engine's disk is full: say what to clean up. */
  'NO_SPACE',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface RpcErrorShape {
  code: ErrorCode
  message: string
  /** Extra machine-readable context: the field that failed validation, the blocking container… */
  detail?: unknown
}

export class RpcError extends Error {
  readonly code: ErrorCode
  readonly detail?: unknown

  constructor(code: ErrorCode, message: string, detail?: unknown) {
    super(message)
    this.name = 'RpcError'
    this.code = code
    this.detail = detail
  }

  toShape(): RpcErrorShape {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail }
  }

  static fromShape(shape: RpcErrorShape): RpcError {
    return new RpcError(shape.code, shape.message, shape.detail)
  }
}

export function isRpcError(value: unknown): value is RpcError {
  return value instanceof RpcError
}
