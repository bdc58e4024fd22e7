/** Counting bytes on their way through a pipeline, for progress, with an optional size limit. */
import { Transform, pipeline, type Readable } from 'node:stream'
import { RpcError } from '../../../shared/errors'

/** Progress reports at most this often (plus one at the end): a 10 GB tar must not flood the RPC socket. */
export const PROGRESS_INTERVAL_MS = 100

export interface ByteCounter extends Transform {
  total(): number
}

export function byteCounter(report: (bytes: number) => void, limit = Number.POSITIVE_INFINITY): ByteCounter {
  let bytes = 0
  let lastReport = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.byteLength
      if (bytes > limit) return done(new RpcError('INVALID_INPUT', `The file is larger than the ${limit}-byte limit.`))
      const now = Date.now()
      if (now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now
        report(bytes)
      }
      done(null, chunk)
    },
    flush(done) {
      report(bytes)
      done()
    }
  }) as ByteCounter
  counter.total = () => bytes
  return counter
}

/** pipeline() as a promise: backpressure end to end, and every stream destroyed if one fails. */
export function pipe(source: Readable, through: Transform, target: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => pipeline(source, through, target, (err) => (err ? reject(err) : resolve())))
}
