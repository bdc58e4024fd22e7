/** FilesApi: the files part of the engine client (issue 3). Returns DTOs, never dockerode types. */
import type Docker from 'dockerode'

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FilesApi {}

export function createFilesApi(_docker: Docker): FilesApi {
  return {}
}
