/** logs.*: a container's log as a stream of line batches (tail, since/until, timestamps, follow). */
import { LogBatch, LogsQuery } from '../logs-models'
import { stream } from '../spec'

export const logsMethods = {
  'containers.logs': stream(LogsQuery, LogBatch)
} as const
