/**
 * Helpers for the pull/push/tag integration tests: layered test images built on the engine
 * (random bytes, so the registry stores every byte), a Docker config with the test registry's
 * credentials, streams driven through the real Peer (contract validation, CANCELLED on abort),
 * and cleanup of what a test made in the engine and in the registry.
 */
import type Docker from 'dockerode'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pack } from 'tar-stream'
import type { StreamName, EventOf, InputOf } from '../../shared/contract'
import type { RpcErrorShape } from '../../shared/errors'
import type { HandlerTable } from '../../electron/core/rpc/handlers'
import { Peer } from '../../electron/core/rpc/peer'
import type { ServerFrame } from '../../shared/wire'
import type { TestHost } from '../support/testHost'

/** Every repository these tests push lives under this prefix in the shared registry. */
export const REGISTRY_AREA = 'distribution'
export const AREA_LABELS = { 'berth.test': '1', 'berth.test.area': 'distribution' }

/** A temporary DOCKER_CONFIG whose config.json holds `auths` for the test registry (as `docker login` writes it). */
export function dockerConfigWithLogin(host: TestHost, password = host.registry.password): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-dist-docker-config-'))
  const auth = Buffer.from(`${host.registry.user}:${password}`).toString('base64')
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [host.registry.host]: { auth } } }))
  return dir
}

/**
 * Builds `reference` FROM the test image with one RUN layer per entry of `layerBytes`, each
 * writing that many random bytes (random data doesn't compress: the registry holds every byte).
 */
export async function buildLayeredImage(docker: Docker, testImage: string, reference: string, layerBytes: number[]): Promise<string> {
  const runs = layerBytes.map((bytes, index) => `RUN head -c ${bytes} /dev/urandom > /layer-${index}.bin`)
  const labels = Object.entries(AREA_LABELS).map(([key, value]) => `${key}=${value}`).join(' ')
  // A fresh nonce keeps the builder's cache from handing back layers an earlier run already pushed.
  const dockerfile = [`FROM ${testImage}`, `ENV NONCE=${randomBytes(8).toString('hex')}`, ...runs, `LABEL ${labels}`, ''].join('\n')
  const archive = pack()
  archive.entry({ name: 'Dockerfile' }, dockerfile)
  archive.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of archive) chunks.push(chunk as Buffer)
  const output = await docker.buildImage(Readable.from([Buffer.concat(chunks)]), { t: reference, rm: true, forcerm: true })
  const lines: Array<{ error?: string; aux?: { ID?: string } }> = await new Promise((resolve, reject) =>
    docker.modem.followProgress(output, (err: Error | null, result: Array<{ error?: string }>) => (err ? reject(err) : resolve(result)))
  )
  const failed = lines.find((line) => line.error)
  if (failed) throw new Error(`building ${reference} failed: ${failed.error}`)
  const image = (await docker.getImage(reference).inspect()) as { Id: string }
  return image.Id
}

export async function imageExists(docker: Docker, reference: string): Promise<boolean> {
  try {
    await docker.getImage(reference).inspect()
    return true
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false
    throw err
  }
}

export async function removeImageIfPresent(docker: Docker, reference: string): Promise<void> {
  await docker
    .getImage(reference)
    .remove({ force: true })
    .catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err
    })
}

/** Deletes a pushed tag's manifest from the test registry (blobs stay until the registry's GC). */
export async function deleteFromRegistry(host: TestHost, repository: string, tag: string): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${host.registry.user}:${host.registry.password}`).toString('base64')}`
  const manifest = await fetch(`${host.registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { authorization, accept: 'application/vnd.docker.distribution.manifest.v2+json' }
  })
  const digest = manifest.headers.get('docker-content-digest')
  if (!manifest.ok || !digest) return
  await fetch(`${host.registry.url}/v2/${repository}/manifests/${digest}`, { method: 'DELETE', headers: { authorization } })
}

export interface StreamRun<K extends StreamName> {
  events: Array<EventOf<K>>
  /** Resolves when the stream ends: with no error, or with the error frame the peer sent. */
  ended: Promise<RpcErrorShape | null>
  /** What the client sends to cancel (the peer aborts the handler's signal). */
  cancel(): void
}

/** Subscribes through a real Peer, as the renderer's client does over IPC or the WebSocket. */
export function streamThroughPeer<K extends StreamName>(
  handlers: HandlerTable,
  method: K,
  input: InputOf<K>,
  onEvent?: (event: EventOf<K>, run: StreamRun<K>) => void
): StreamRun<K> {
  let settle: (error: RpcErrorShape | null) => void = () => {}
  const run: StreamRun<K> = {
    events: [],
    ended: new Promise((resolve) => (settle = resolve)),
    cancel: () => peer.receive({ t: 'cancel', id: 1 })
  }
  const peer = new Peer(handlers, (frame: ServerFrame) => {
    if (frame.t === 'ev') {
      run.events.push(frame.event as EventOf<K>)
      onEvent?.(frame.event as EventOf<K>, run)
    } else if (frame.t === 'end') settle(null)
    else if (frame.t === 'err') settle(frame.error)
  })
  peer.receive({ t: 'sub', id: 1, method, input })
  return run
}
