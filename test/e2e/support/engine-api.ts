/**
 * A deliberately small Docker Engine API client over the unix socket (node:http, no dockerode).
 * E2E specs use it to arrange the world behind the UI's back, and the benchmark uses it as the
 * "raw" baseline: nothing sits between this code and the engine, so its timings are the floor.
 */
import http from 'node:http'
import { listedNameMatches } from '../../../shared/reference'
import { labelMatches } from '../../../shared/snapshots-models'

export interface EngineResponse {
  status: number
  /** Parsed JSON when the engine sent JSON, else the raw text. */
  body: unknown
}

export interface CreateContainerOptions {
  name: string
  image: string
  cmd?: string[]
  labels: Record<string, string>
  /** Seconds the engine waits after SIGTERM on stop when the caller gives no timeout. */
  stopTimeoutSeconds?: number
}

export interface ContainerListEntry {
  Id: string
  Names: string[]
  State: string
  Labels: Record<string, string>
}

export interface EngineEvent {
  Type: string
  Action: string
  id?: string
  Actor: { ID: string; Attributes: Record<string, string> }
  /** Nanoseconds since the Unix epoch, engine clock (same machine as ours). */
  timeNano: number
}

export interface LabelledImage {
  Id: string
  Labels: Record<string, string> | null
}

export class EngineApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    detail: string
  ) {
    super(`${method} ${path} → HTTP ${status}: ${detail}`)
  }
}

/** A process that idles until SIGTERM and then exits at once (busybox sleep as PID 1 would ignore TERM). */
export const QUICK_STOP_COMMAND = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait']

export class EngineApi {
  // Keep-alive so the raw baseline is not charged a connect per request, as a real client isn't.
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 })

  constructor(readonly socketPath: string) {}

  close(): void {
    this.agent.destroy()
  }

  request(method: string, path: string, body?: unknown, timeoutMs = 60_000): Promise<EngineResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          socketPath: this.socketPath,
          agent: this.agent,
          method,
          path,
          timeout: timeoutMs,
          headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', reject)
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            const isJson = (res.headers['content-type'] ?? '').includes('json') && text.length > 0
            resolve({ status: res.statusCode ?? 0, body: isJson ? JSON.parse(text) : text })
          })
        }
      )
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer from the engine in ${timeoutMs} ms`)))
      req.on('error', reject)
      req.end(payload)
    })
  }

  /** Like request() but a non-2xx answer (other than the allowed ones) throws with the engine's message. */
  async ok(method: string, path: string, body?: unknown, allowed: number[] = []): Promise<unknown> {
    const res = await this.request(method, path, body)
    if ((res.status < 200 || res.status >= 300) && !allowed.includes(res.status)) {
      const message =
        typeof res.body === 'object' && res.body !== null && 'message' in res.body
          ? String((res.body as { message: unknown }).message)
          : String(res.body)
      throw new EngineApiError(method, path, res.status, message)
    }
    return res.body
  }

  async ping(): Promise<void> {
    await this.ok('GET', '/_ping')
  }

  async createContainer(options: CreateContainerOptions): Promise<string> {
    const body = await this.ok('POST', `/containers/create?name=${encodeURIComponent(options.name)}`, {
      Image: options.image,
      Cmd: options.cmd ?? QUICK_STOP_COMMAND,
      Labels: options.labels,
      StopTimeout: options.stopTimeoutSeconds ?? 2,
      // No network: the private engines' bridge lives in their own namespace, and no test here needs one.
      HostConfig: { NetworkMode: 'none' }
    })
    return (body as { Id: string }).Id
  }

  async start(id: string): Promise<void> {
    await this.ok('POST', `/containers/${id}/start`, undefined, [304])
  }

  async stop(id: string, timeoutSeconds = 2): Promise<void> {
    await this.ok('POST', `/containers/${id}/stop?t=${timeoutSeconds}`, undefined, [304])
  }

  /**
   * Pause, then wait until the engine's own state says paused. dockerd 20.10 answers the pause
   * before it records it (the flag is set when containerd's "paused" event comes back), so an
   * unpause sent at once can be refused with "is not paused" — a script or Compose would see the
   * same; tests that flip states back to back must not depend on that race. Benchmarks pass
   * `settle = false` (their own reads would load the engine they measure).
   */
  async pause(id: string, settle = true): Promise<void> {
    await this.ok('POST', `/containers/${id}/pause`)
    if (settle) await this.waitForPaused(id, true)
  }

  async unpause(id: string, settle = true): Promise<void> {
    await this.ok('POST', `/containers/${id}/unpause`)
    if (settle) await this.waitForPaused(id, false)
  }

  private async waitForPaused(id: string, paused: boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const body = (await this.ok('GET', `/containers/${id}/json`)) as { State: { Paused: boolean } }
      if (body.State.Paused === paused) return
      if (Date.now() > deadline) throw new Error(`container ${id.slice(0, 12)} did not become ${paused ? 'paused' : 'unpaused'} within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  async remove(id: string): Promise<void> {
    await this.ok('DELETE', `/containers/${id}?force=1&v=1`, undefined, [404])
  }

  async inspectState(id: string): Promise<string> {
    const body = (await this.ok('GET', `/containers/${id}/json`)) as { State: { Status: string } }
    return body.State.Status
  }

  async listContainers(labelFilters: string[] = []): Promise<ContainerListEntry[]> {
    const filters = labelFilters.length ? `&filters=${encodeURIComponent(JSON.stringify({ label: labelFilters }))}` : ''
    return (await this.ok('GET', `/containers/json?all=1${filters}`)) as ContainerListEntry[]
  }

  /** Removes every container carrying ALL the given labels ("key=value"); returns how many went. */
  async removeContainersLabelled(labelFilters: string[], concurrency = 8): Promise<number> {
    const victims = await this.listContainers(labelFilters)
    await runPool(victims, concurrency, (entry) => this.remove(entry.Id))
    return victims.length
  }

  /** Copies an image to another engine (docker save | docker load) — private engines start empty. */
  copyImageTo(target: EngineApi, image: string): Promise<void> {
    const savePath = `/images/${encodeURIComponent(image)}/get`
    return new Promise((resolve, reject) => {
      const save = http.request({ socketPath: this.socketPath, method: 'GET', path: savePath }, (saved) => {
        if (saved.statusCode !== 200) {
          saved.resume()
          return reject(new EngineApiError('GET', savePath, saved.statusCode ?? 0, `cannot export ${image}`))
        }
        const load = http.request(
          { socketPath: target.socketPath, method: 'POST', path: '/images/load?quiet=1', headers: { 'content-type': 'application/x-tar' } },
          (loaded) => {
            loaded.resume()
            loaded.on('end', () =>
              loaded.statusCode === 200 ? resolve() : reject(new EngineApiError('POST', '/images/load', loaded.statusCode ?? 0, `cannot import ${image}`))
            )
          }
        )
        load.on('error', reject)
        saved.pipe(load)
      })
      save.on('error', reject)
      save.end()
    })
  }

  /**
   * The name the engine lists `reference` under: itself on dockerd; on Podman, images made there
   * are listed as localhost/NAME (loaded) or docker.io/NAME (committed), and the UI shows that.
   */
  async listedName(reference: string): Promise<string> {
    const image = (await this.ok('GET', `/images/${encodeURIComponent(reference)}/json`)) as { RepoTags: string[] | null }
    return image.RepoTags?.find((tag) => listedNameMatches(reference, tag)) ?? reference
  }

  /**
   * Images carrying ALL the given labels ("key=value"). The engine is asked for the first label
   * only and the rest are checked here: Podman 4.3 answers an empty list whenever images are
   * filtered by two labels or more (containers and volumes it filters right).
   */
  async listImagesLabelled(labelFilters: string[]): Promise<LabelledImage[]> {
    const filters = labelFilters.length ? `&filters=${encodeURIComponent(JSON.stringify({ label: labelFilters.slice(0, 1) }))}` : ''
    const images = (await this.ok('GET', `/images/json?all=1${filters}`)) as LabelledImage[]
    return images.filter((image) => labelFilters.every((filter) => labelMatches(image.Labels, filter)))
  }

  /** Removes every image carrying ALL the given labels; images still in use are forced out. */
  async removeImagesLabelled(labelFilters: string[]): Promise<number> {
    const images = await this.listImagesLabelled(labelFilters)
    for (const image of images) await this.ok('DELETE', `/images/${image.Id}?force=1`, undefined, [404, 409])
    return images.length
  }

  async removeVolumesLabelled(labelFilters: string[]): Promise<number> {
    const filters = encodeURIComponent(JSON.stringify({ label: labelFilters }))
    const answer = (await this.ok('GET', `/volumes?filters=${filters}`)) as { Volumes: { Name: string }[] | null }
    const volumes = answer.Volumes ?? []
    for (const volume of volumes) await this.ok('DELETE', `/volumes/${encodeURIComponent(volume.Name)}?force=1`, undefined, [404, 409])
    return volumes.length
  }

  /**
   * Streams engine events until `signal` aborts. Resolves once the engine accepted the
   * subscription, so a caller can act right after without missing the event it caused.
   */
  watchEvents(filters: Record<string, string[]>, onEvent: (event: EngineEvent) => void, signal: AbortSignal): Promise<void> {
    const path = `/events?filters=${encodeURIComponent(JSON.stringify(filters))}`
    return new Promise((resolve, reject) => {
      const req = http.request({ socketPath: this.socketPath, method: 'GET', path, signal }, (res) => {
        if (res.statusCode !== 200) {
          reject(new EngineApiError('GET', path, res.statusCode ?? 0, 'event stream refused'))
          res.resume()
          return
        }
        resolve()
        let buffered = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          buffered += chunk
          let newline = buffered.indexOf('\n')
          while (newline >= 0) {
            const line = buffered.slice(0, newline).trim()
            buffered = buffered.slice(newline + 1)
            if (line) onEvent(JSON.parse(line) as EngineEvent)
            newline = buffered.indexOf('\n')
          }
        })
        res.on('error', () => undefined) // an abort ends the stream; nothing to report
      })
      req.on('error', (err) => {
        if (!signal.aborted) reject(err)
      })
      req.end()
    })
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight; the first failure rejects. */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++
      await work(items[index], index)
    }
  })
  await Promise.all(workers)
}
