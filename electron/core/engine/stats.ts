/**
 * StatsApi: the stats part of the engine client. Follows GET /containers/{id}/stats?stream=true
 * (JSON lines, ~1/s) with our own framer and hands out StatsSample DTOs computed here, in the
 * main process, so cgroup v1/v2 differences never reach the renderer.
 */
import type Docker from 'dockerode'
import type { Readable } from 'node:stream'
import type { StatsSample } from '../../../shared/stats-models'
import { toStatsSample, type EngineStatsJson, type StatsCounters } from './statsMath'
import { JsonLinesFramer, consumeBody } from './streams'

export interface StatsApi {
  /**
   * Calls `onSample` for each sample until `signal` aborts (resolves; the engine response is
   * destroyed), the container is not running (resolves: the engine would keep sending empty
   * placeholders once a second, so we stop reading) or the engine fails (rejects: 404 for an
   * unknown container, connection errors).
   */
  follow(id: string, onSample: (sample: StatsSample) => void, signal: AbortSignal): Promise<void>
}

export function createStatsApi(docker: Docker): StatsApi {
  return {
    async follow(id, onSample, signal) {
      if (signal.aborted) return
      let body: Readable
      try {
        // docker-modem takes abortSignal (it aborts the request); dockerode's typings omit it.
        const options = { stream: true, abortSignal: signal } as { stream: true }
        body = (await docker.getContainer(id).stats(options)) as unknown as Readable
      } catch (err) {
        if (signal.aborted) return
        throw err
      }
      let previous: StatsCounters | undefined
      await readSamples(body, signal, (json) => {
        const sample = toStatsSample(json, previous)
        if (!sample) return 'stop'
        previous = sample
        onSample(sample)
        return 'more'
      })
    }
  }
}

/** Frames the body into JSON values until `onJson` says stop or the engine ends the response. */
function readSamples(body: Readable, signal: AbortSignal, onJson: (json: EngineStatsJson) => 'more' | 'stop'): Promise<void> {
  let stopped = false
  const framer = new JsonLinesFramer((value) => {
    if (stopped || typeof value !== 'object' || value === null) return
    if (onJson(value as EngineStatsJson) === 'stop') stopped = true
  })
  return consumeBody(
    body,
    {
      push: (chunk) => {
        framer.push(chunk)
        return stopped ? 'stop' : undefined
      },
      // The engine ending a stats response (container removed, engine shutting down) is an end, not a failure.
      end: () => {
        framer.end()
        return undefined
      },
      closedWithoutEnd: 'The connection to the engine closed.'
    },
    signal
  )
}
