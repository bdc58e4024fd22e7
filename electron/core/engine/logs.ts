/**
 * LogsApi: the logs part of the engine client (issue 3 §3). Returns lines, never dockerode types.
 *
 * GET /containers/{id}/logs is read through docker-modem's `dial` with `isStream` always on
 * (dockerode's container.logs() buffers the whole body in memory unless follow is set), and the
 * body goes through our own LogDemuxer (demux.ts), never docker-modem's.
 */
import type Docker from 'dockerode'
import type { Readable } from 'node:stream'
import { LogDemuxer, type DemuxMode, type LineSink } from './demux'
import { dial } from './modem'
import { consumeBody } from './streams'

export interface LogsReadOptions {
  tail: number | 'all'
  /** Unix seconds. */
  since?: number
  until?: number
  timestamps: boolean
  follow: boolean
}

export interface LogsReader {
  /** Called once before any line: TTY containers send raw bytes and have no separate stderr. */
  onStart(info: { tty: boolean }): void
  onLine: LineSink
  /** The engine's body, before it is read: a paced reader pauses it while its receiver is behind. */
  onBody?(body: Readable): void
}

export interface LogsApi {
  /**
   * Reads a container's log until it ends (follow off, or a container that isn't running: the
   * replay is done; follow on: the container stopped) and resolves; resolves early when `signal`
   * aborts, destroying the engine's response so dockerd stops sending. Rejects on engine errors
   * (404 → not found).
   */
  read(id: string, options: LogsReadOptions, reader: LogsReader, signal: AbortSignal): Promise<void>
}

export function logsQueryString(options: LogsReadOptions): Record<string, string> {
  const query: Record<string, string> = {
    stdout: '1',
    stderr: '1',
    follow: options.follow ? '1' : '0',
    timestamps: options.timestamps ? '1' : '0',
    tail: String(options.tail)
  }
  // The engine takes fractional Unix seconds as a decimal string.
  if (options.since !== undefined) query.since = String(options.since)
  if (options.until !== undefined) query.until = String(options.until)
  return query
}

async function openLogBody(docker: Docker, id: string, options: LogsReadOptions, signal: AbortSignal): Promise<Readable> {
  const body = await dial(docker, {
    path: `/containers/${encodeURIComponent(id)}/logs?`,
    method: 'GET',
    isStream: true,
    abortSignal: signal,
    statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
    options: logsQueryString(options)
  })
  if (!body) throw new Error('The engine sent no log body.')
  return body as Readable
}

/**
 * Pipes `body` through a demuxer; settles when the body ends, fails or `signal` aborts.
 * `timestamped`: the body was asked for with timestamps (each frame then starts with one).
 */
export function demuxBody(body: Readable, mode: DemuxMode, onLine: LineSink, signal: AbortSignal, timestamped = false): Promise<void> {
  const demuxer = new LogDemuxer(mode, onLine, undefined, { timestamped })
  return consumeBody(
    body,
    {
      push: (chunk) => demuxer.push(chunk),
      end: () => {
        demuxer.end()
        return undefined
      },
      closedWithoutEnd: 'The connection to the engine closed while reading the log.'
    },
    signal
  )
}

export function createLogsApi(docker: Docker): LogsApi {
  return {
    async read(id, options, reader, signal) {
      const info = (await docker.getContainer(id).inspect({ abortSignal: signal } as object)) as {
        Config?: { Tty?: boolean }
        State?: { Running?: boolean }
      }
      const tty = info.Config?.Tty === true
      if (signal.aborted) return
      // Follow only a running container (paused counts: State.Running stays true). dockerd itself
      // ignores `follow` for any other and answers the log so far; Podman 4 follows it anyway and
      // tells its file reader to stop at the end a moment later, after which each line not yet
      // taken is dropped or sent at random: a long stopped log read at the receiver's pace (the
      // Logs tab, tail "all") lost most of its lines.
      const follow = options.follow && info.State?.Running === true
      let body: Readable
      try {
        body = await openLogBody(docker, id, { ...options, follow }, signal)
      } catch (err) {
        if (signal.aborted) return
        throw err
      }
      reader.onStart({ tty })
      reader.onBody?.(body)
      await demuxBody(body, tty ? 'raw' : 'multiplexed', reader.onLine, signal, options.timestamps)
    }
  }
}
