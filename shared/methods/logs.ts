/**
 * logs.*: a container's log as a stream of line batches (tail, since/until, timestamps, follow),
 * paced by the receiver's acknowledgements (containers.logsAck) when the query names a paceId.
 */
import { LogBatch, LogsAckInput, LogsQuery } from '../logs-models'
import { call, Done, stream } from '../spec'

export const logsMethods = {
  'containers.logs': stream(LogsQuery, LogBatch),
  'containers.logsAck': call(LogsAckInput, Done)
} as const
