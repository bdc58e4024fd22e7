/**
 * BuildApi: POST /build with a streamed tar body, and whether the engine takes BuildKit.
 * Returns DTOs, never dockerode types.
 *
 * The request goes through docker-modem's dial rather than dockerode's buildImage: buildImage
 * opens a gRPC session for `version=2` (unneeded for a tar context, and it needs the session
 * endpoint that engines behind some proxies lack). Aborting `signal` destroys the request; dockerd
 * sees its connection close and cancels the build (the running step's container is stopped and
 * nothing is tagged, since tagging is the last thing a build does).
 */
import type Docker from 'dockerode'
import type { Readable } from 'node:stream'
import type { Builder, BuildersInfo } from '../../../shared/build-models'
import type { RegistryAuth } from '../credentials/store'
import { dial, type DialOptions } from './modem'
import { consumeBody, JsonLinesFramer } from './streams'

export interface EngineBuildRequest {
  /** The Dockerfile's name inside the context tar. */
  dockerfile: string
  tags: string[]
  buildArgs: Record<string, string>
  target?: string
  noCache: boolean
  pull: boolean
  labels: Record<string, string>
  builder: Builder
  /** Credentials for registries the Dockerfile pulls FROM (X-Registry-Config). */
  registryAuths?: Record<string, RegistryAuth>
}

export interface BuildApi {
  /** Sends the context and feeds every JSON value of the engine's answer to `onMessage` until it ends. */
  build(context: Readable, request: EngineBuildRequest, onMessage: (value: unknown) => void, signal: AbortSignal): Promise<void>
  builders(signal?: AbortSignal): Promise<BuildersInfo>
}

/** BuildKit came with API 1.39 (engine 18.09), on Linux engines only. */
const BUILDKIT_MIN_API = '1.39'

/** "1.38" < "1.39"; kept here (not imported from docker.ts, which imports this file). */
function apiBelow(version: string, minimum: string): boolean {
  const [major, minor] = version.split('.').map(Number)
  const [minMajor, minMinor] = minimum.split('.').map(Number)
  return major !== minMajor ? major < minMajor : (minor || 0) < (minMinor || 0)
}

function buildQuery(request: EngineBuildRequest): Record<string, unknown> {
  const query: Record<string, unknown> = {
    dockerfile: request.dockerfile,
    t: request.tags,
    buildargs: request.buildArgs,
    labels: request.labels,
    nocache: request.noCache,
    pull: request.pull,
    rm: true,
    // Intermediate containers of failed or cancelled steps are removed too: nothing is left behind.
    forcerm: true,
    version: request.builder === 'buildkit' ? '2' : '1'
  }
  if (request.target) query.target = request.target
  return query
}

interface ModemWithVersion {
  modem: { version?: string }
  info(options: { abortSignal?: AbortSignal }): Promise<unknown>
}

export function createBuildApi(docker: Docker): BuildApi {
  return {
    async build(context, request, onMessage, signal) {
      const headers: Record<string, string> = { 'Content-Type': 'application/x-tar' }
      if (request.registryAuths && Object.keys(request.registryAuths).length > 0) {
        headers['X-Registry-Config'] = Buffer.from(JSON.stringify(request.registryAuths)).toString('base64')
      }
      const options = {
        path: '/build?',
        method: 'POST',
        isStream: true,
        abortSignal: signal,
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        options: buildQuery(request),
        file: context,
        headers
      } as DialOptions
      const body = (await dial(docker, options)) as Readable
      const framer = new JsonLinesFramer(onMessage)
      await consumeBody(
        body,
        {
          push: (chunk) => framer.push(chunk),
          end: () => {
            framer.end()
            return undefined
          },
          closedWithoutEnd: 'The engine closed the connection during the build.'
        },
        signal
      )
    },

    async builders(signal) {
      const untyped = docker as unknown as ModemWithVersion
      const info = (await untyped.info({ abortSignal: signal })) as { OSType?: string }
      const api = (untyped.modem.version ?? '').replace(/^v/, '')
      if (info.OSType && info.OSType !== 'linux') return { buildkit: false, reason: `BuildKit builds need a Linux engine (this one is ${info.OSType}).` }
      if (api && apiBelow(api, BUILDKIT_MIN_API)) return { buildkit: false, reason: `This engine speaks API ${api}; BuildKit needs ${BUILDKIT_MIN_API} or newer.` }
      return { buildkit: true, reason: null }
    }
  }
}
