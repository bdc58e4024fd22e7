/** LogsApi: the logs part of the engine client (issue 3). Returns DTOs, never dockerode types. */
import type Docker from 'dockerode'

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LogsApi {}

export function createLogsApi(_docker: Docker): LogsApi {
  return {}
}
