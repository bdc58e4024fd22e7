/**
 * StatsApi: the stats part of the engine client. Follows GET /containers/{id}/stats?stream=true
 * (JSON lines, ~1/s) with our own framer and hands out StatsSample DTOs computed here, in the
 * main process, so cgroup v1/v2 differences never reach the renderer.
 */
import type Docker from 'dockerode'
import type { Readable } from 'node:stream'
import type { StatsSample } from '../../../shared/stats-models'
import { toStatsSample, type EngineStatsJson, type StatsCounters } from './statsMath'
import { JsonLinesFramer } from './streams'

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

/** Frames the body into JSON values; settles once, always leaving the response destroyed. */
function readSamples(body: Readable, signal: AbortSignal, onJson: (json: EngineStatsJson) => 'more' | 'stop'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false
    const framer = new JsonLinesFramer((value) => {
      if (settled || typeof value !== 'object' || value === null) return
      if (onJson(value as EngineStatsJson) === 'stop') finish()
    })
    const finish = (err?: Error): void => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      body.off('data', onData)
      body.off('end', onEnd)
      body.off('error', onError)
      body.off('close', onClose)
      body.destroy()
      if (err && !signal.aborted) reject(err)
      else resolve()
    }
    const onAbort = (): void => finish()
    const onData = (chunk: Buffer): void => {
      try {
        framer.push(chunk)
      } catch (err) {
        finish(err as Error)
      }
    }
    // The engine ending a stats response (container removed, engine shutting down) is an end, not a failure.
    const onEnd = (): void => {
      framer.end()
      finish()
    }
    const onError = (err: Error): void => finish(Object.assign(err, { code: (err as NodeJS.ErrnoException).code ?? 'ECONNRESET' }))
    // 'close' without 'end' means the connection broke mid-response.
    const onClose = (): void => finish(Object.assign(new Error('The connection to the engine closed.'), { code: 'ECONNRESET' }))
    if (signal.aborted) return finish()
    signal.addEventListener('abort', onAbort, { once: true })
    body.on('data', onData)
    body.on('end', onEnd)
    body.on('error', onError)
    body.on('close', onClose)
  })
}
