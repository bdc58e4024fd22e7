/** RunApi: create, inspect, update and rename containers. Returns DTOs, never dockerode types. */
import type Docker from 'dockerode'
import type { ContainerDetails, RunSpec } from '../../../shared/run-models'
import { dial } from './modem'
import { toContainerDetails, toCreateBody, type EngineInspectJson } from './run-mapping'

/** The body of POST /containers/{id}/update, only the fields Berth sends. */
export interface EngineUpdateBody {
  NanoCpus?: number
  CpuQuota?: number
  CpuPeriod?: number
  Memory?: number
  MemorySwap?: number
  PidsLimit?: number
  RestartPolicy?: { Name: string; MaximumRetryCount: number }
}

export interface RunApi {
  /** Creates the container (does not start it). */
  create(spec: RunSpec, signal?: AbortSignal): Promise<{ id: string; warnings: string[] }>
  inspect(id: string, signal?: AbortSignal): Promise<ContainerDetails>
  update(id: string, body: EngineUpdateBody): Promise<{ warnings: string[] }>
  rename(id: string, name: string): Promise<void>
}

function warningsOf(answer: unknown): string[] {
  const warnings = (answer as { Warnings?: unknown } | null)?.Warnings
  return Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string' && w !== '') : []
}

export function createRunApi(docker: Docker): RunApi {
  return {
    async create(spec, signal) {
      const { name, ...body } = toCreateBody(spec)
      // Straight to the modem: dockerode's createContainer drops the engine's Warnings, and
      // _query/_body keep the name out of the body and the body out of the query string.
      const answer = await dial(docker, {
        path: '/containers/create?',
        method: 'POST',
        options: { _query: name ? { name } : {}, _body: body },
        abortSignal: signal,
        statusCodes: { 200: true, 201: true, 400: 'bad parameter', 404: 'no such image', 409: 'conflict', 500: 'server error' }
      })
      const id = (answer as { Id?: unknown } | null)?.Id
      if (typeof id !== 'string') throw new Error('The engine created a container but did not say its id.')
      return { id, warnings: warningsOf(answer) }
    },
    async inspect(id, signal) {
      const json = (await docker.getContainer(id).inspect({ abortSignal: signal } as Docker.ContainerInspectOptions)) as unknown as EngineInspectJson
      return toContainerDetails(json)
    },
    async update(id, body) {
      const answer: unknown = await docker.getContainer(id).update(body)
      return { warnings: warningsOf(answer) }
    },
    async rename(id, name) {
      await docker.getContainer(id).rename({ name })
    }
  }
}
