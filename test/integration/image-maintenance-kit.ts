/**
 * Helpers for the image-maintenance integration tests: labelled images of our own made by
 * committing a container that wrote some bytes, streams run through the handler table the way
 * the peer runs them, and plain HTTP requests (cookie and headers as given) for the transfer routes.
 */
import DockerClient from 'dockerode'
import type Docker from 'dockerode'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pack } from 'tar-stream'
import { contract, type EventOf, type InputOf, type StreamName } from '../../shared/contract'
import { createCore, type Core } from '../../electron/core/app'
import type { DfJson } from '../../electron/core/engine/disk-df'
import { ensureTestImage, startPrivateEngine, type PrivateEngine } from '../support/privateEngine'
import { toRpcError } from '../../electron/core/rpc/errors'
import type { RpcError } from '../../shared/errors'

export const AREA_LABELS = { 'berth.test': '1', 'berth.test.area': 'image-maintenance' }

export function uniqueRepo(what: string): string {
  return `image-maintenance/${what}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
}

/** Commits a container that wrote `bytes` random bytes to /data as repo:tag (untagged: dangling); labelled for cleanup. */
export async function makeImage(docker: Docker, base: string, repo: string | undefined, tag: string, bytes = 4096, labels: Record<string, string> = {}): Promise<string> {
  const container = await docker.createContainer({
    Image: base,
    Cmd: ['sh', '-c', `head -c ${bytes} /dev/urandom > /data`],
    Labels: { ...AREA_LABELS, ...labels },
    HostConfig: { NetworkMode: 'none' }
  })
  try {
    await container.start()
    await container.wait()
    const changes = Object.entries({ ...AREA_LABELS, ...labels }).map(([key, value]) => `LABEL ${key}=${value}`)
    const committed = (await container.commit(repo ? { repo, tag, changes } : { changes })) as { Id: string }
    return committed.Id.startsWith('sha256:') ? committed.Id : `sha256:${committed.Id}`
  } finally {
    await container.remove({ force: true })
  }
}

/** A container of ours using `image` (stopped unless `running`). */
export async function useImage(docker: Docker, image: string, name: string, running = false): Promise<string> {
  const container = await docker.createContainer({
    Image: image,
    name,
    Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'],
    Labels: AREA_LABELS,
    HostConfig: { NetworkMode: 'none' }
  })
  if (running) await container.start()
  return container.id
}

/** Removes our containers and images (by the area label), on whatever engine `docker` talks to. */
export async function removeAreaObjects(docker: Docker, keep: readonly string[] = ['berth-test/busybox:latest']): Promise<void> {
  const filters = JSON.stringify({ label: ['berth.test.area=image-maintenance'] })
  for (const c of await docker.listContainers({ all: true, filters })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {})
  for (let pass = 0; pass < 3; pass++) {
    for (const image of await docker.listImages({ filters })) {
      if ((image.RepoTags ?? []).some((tag) => keep.includes(tag))) continue
      await docker.getImage(image.Id).remove({ force: true }).catch(() => {})
    }
  }
}

export interface StreamRun<K extends StreamName> {
  events: EventOf<K>[]
  done: Promise<void>
  cancel(): void
}

/** Runs a stream handler as the peer would (input parsed, errors mapped); events are collected. */
export function runStream<K extends StreamName>(core: Core, method: K, input: InputOf<K>, onEvent?: (event: EventOf<K>) => void): StreamRun<K> {
  const events: EventOf<K>[] = []
  const controller = new AbortController()
  const parsed = contract[method].input.parse(input)
  const handler = core.handlers[method] as unknown as (input: unknown, emit: (event: EventOf<K>) => void, signal: AbortSignal) => Promise<void>
  const done = handler(
    parsed,
    (event) => {
      events.push(contract[method].event.parse(event) as EventOf<K>)
      onEvent?.(event)
    },
    controller.signal
  ).catch((err: unknown) => {
    throw toRpcError(err) as RpcError
  })
  return { events, done, cancel: () => controller.abort() }
}

export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** The body, unless `discardBody` (then empty) — large downloads are only counted. */
  body: Buffer
  bytes: number
}

export function httpRequest(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  options: { body?: Readable | Buffer; discardBody?: boolean; onData?: (bytes: number) => void } = {}
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const parts: Buffer[] = []
      let bytes = 0
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength
        options.onData?.(bytes)
        if (!options.discardBody) parts.push(chunk)
      })
      res.on('error', reject)
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts), bytes }))
    })
    req.on('error', reject)
    const body = options.body
    if (!body) req.end()
    else if (Buffer.isBuffer(body)) req.end(body)
    else body.pipe(req)
  })
}

export async function waitUntil(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export interface PrivateSetup {
  engine: PrivateEngine
  core: Core
  docker: Docker
  dispose(): Promise<void>
}

/**
 * A throwaway engine with the busybox test image and a core pointed at it: prune and disk usage
 * count and remove engine-wide, which must never happen on the engine other suites share.
 */
export async function startPrivateSetup(name: string): Promise<PrivateSetup> {
  const engine = await startPrivateEngine(name)
  const dir = mkdtempSync(join(tmpdir(), 'berth-im-'))
  try {
    await ensureTestImage(engine.socketPath)
    mkdirSync(join(dir, 'config'))
    writeFileSync(join(dir, 'config', 'settings.json'), JSON.stringify({ activeEngineId: 'env' }))
    const core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: engine.dockerHost }, configDir: join(dir, 'config'), homeDir: dir })
    const docker = new DockerClient({ socketPath: engine.socketPath })
    return {
      engine,
      core,
      docker,
      async dispose() {
        await core.close()
        await engine.stop()
        rmSync(dir, { recursive: true, force: true })
      }
    }
  } catch (err) {
    await engine.stop()
    throw err
  }
}

/** A classic-builder build (network none: private engines have no bridge); returns the image id. */
export async function classicBuild(docker: Docker, tag: string, dockerfile: string, version?: '2'): Promise<string> {
  const context = pack()
  context.entry({ name: 'Dockerfile' }, dockerfile)
  context.finalize()
  const stream = (await docker.buildImage(context as unknown as NodeJS.ReadableStream, {
    t: tag,
    networkmode: 'none',
    labels: AREA_LABELS,
    ...(version ? { version } : {})
  } as object)) as Readable
  let output = ''
  for await (const chunk of stream) output += (chunk as Buffer).toString('utf8')
  const failed = output.split('\n').find((line) => line.includes('"errorDetail"'))
  if (failed) throw new Error(`build of ${tag} failed: ${failed}`)
  return (await docker.getImage(tag).inspect()).Id
}

/** GET /system/df, raw: what the disk page's figures must agree with. */
export async function rawDf(docker: Docker): Promise<DfJson> {
  return (await docker.df()) as DfJson
}
