import { RpcError } from '../../../shared/errors'

/** The server already words its errors for people; anything else gets its message. */
export function describeError(err: unknown): string {
  if (err instanceof RpcError) return err.message
  if (err instanceof Error) return err.message
  return String(err)
}
