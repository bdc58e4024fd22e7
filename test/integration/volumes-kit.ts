/**
 * Helpers for the volumes and networks integration tests: labelled names and volumes, running a
 * script against a volume in a throwaway container, the browse session stream and download
 * streams driven the way the renderer drives them, and the helper containers Berth leaves (or
 * must not leave) behind.
 */
import type Docker from 'dockerode'
import { contract, type InputOf } from '../../shared/contract'
import type { TransferEvent } from '../../shared/files-models'
import type { BrowseEvent } from '../../shared/volumes-models'
import type { Core } from '../../electron/core/app'
import { toRpcError } from '../../electron/core/rpc/errors'
import { HELPER_VOLUME_LABEL } from '../../electron/core/engine/volume-helpers'
import { uniqueName, type TestCore } from './handlers-kit'

export const AREA_LABELS = { 'berth.test.area': 'volumes-networks' }

export function vnName(what: string): string {
  return uniqueName(`vn-${what}`)
}

export function labelsOf(t: TestCore): Record<string, string> {
  return { ...t.labels, ...AREA_LABELS }
}

/** Runs `script` with the volume at /v in a throwaway container; returns stdout, throws on a non-zero exit. */
export async function runOnVolume(docker: Docker, image: string, labels: Record<string, string>, volume: string, script: string): Promise<string> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['sh', '-c', script],
    Labels: labels,
    HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volume, Target: '/v' }] }
  })
  try {
    await container.start()
    const { StatusCode } = (await container.wait()) as { StatusCode: number }
    const logs = (await container.logs({ stdout: true, stderr: true })) as unknown as Buffer
    const text = demuxText(logs)
    if (StatusCode !== 0) throw new Error(`script exited ${StatusCode}: ${text}`)
    return text
  } finally {
    await container.remove({ force: true })
  }
}

function demuxText(raw: Buffer): string {
  let text = ''
  for (let offset = 0; offset + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(offset + 4)
    text += raw.subarray(offset + 8, offset + 8 + size).toString('utf8')
    offset += 8 + size
  }
  return text
}

/** Berth's helper containers for this volume, in any state. */
export async function helpersFor(docker: Docker, volume: string): Promise<string[]> {
  const filters = JSON.stringify({ label: [`${HELPER_VOLUME_LABEL}=${volume}`] })
  return (await docker.listContainers({ all: true, filters })).map((c) => c.Id)
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export interface OpenBrowse {
  sessionId: string
  image: string
  /** Ends the stream as a closed dialog would. */
  close(): void
  /** Settles when the stream handler returned (after its helper was removed). */
  done: Promise<unknown>
}

/** Starts volumes.browse and waits for its `ready` event. */
export async function openBrowse(core: Core, volume: string): Promise<OpenBrowse> {
  const controller = new AbortController()
  const handler = core.handlers['volumes.browse'] as (input: unknown, emit: (event: BrowseEvent) => void, signal: AbortSignal) => Promise<void>
  let onReady: (event: BrowseEvent) => void = () => {}
  const ready = new Promise<BrowseEvent>((resolve) => (onReady = resolve))
  const done = handler(contract['volumes.browse'].input.parse({ name: volume }), (event) => onReady(event), controller.signal).catch((err: unknown) => {
    throw toRpcError(err)
  })
  const event = await Promise.race([ready, done.then(() => Promise.reject(new Error('browse ended before it was ready')))])
  return { sessionId: event.sessionId, image: event.image, close: () => controller.abort(), done: done.catch((err: unknown) => err) }
}

export interface Received {
  fileName: string
  bytes: Buffer
}

let transfers = 0

/** Runs a download stream (volumes.backup / volumes.download) to its end, acknowledging each chunk. */
export async function receive<K extends 'volumes.backup' | 'volumes.download'>(core: Core, method: K, input: Omit<InputOf<K>, 'transferId'>): Promise<Received> {
  const transferId = `vn-${process.pid}-${++transfers}-${Date.now()}`
  const parsed = contract[method].input.parse({ ...input, transferId })
  const parts: Buffer[] = []
  let fileName: string | undefined
  const handler = core.handlers[method] as (input: unknown, emit: (event: TransferEvent) => void, signal: AbortSignal) => Promise<void>
  try {
    await handler(
      parsed,
      (event) => {
        if (event.kind === 'start') fileName = event.fileName
        else {
          parts.push(Buffer.from(event.data, 'base64'))
          void core.handlers['downloads.ack']({ transferId, receivedBytes: event.sentBytes }, new AbortController().signal)
        }
      },
      new AbortController().signal
    )
  } catch (err) {
    throw toRpcError(err)
  }
  if (!fileName) throw new Error('the download sent no start event')
  return { fileName, bytes: Buffer.concat(parts) }
}

/** Removes this run's volumes (and any helper left on them). */
export async function removeVolumes(docker: Docker, names: readonly string[]): Promise<void> {
  for (const name of names) {
    for (const helper of await helpersFor(docker, name)) await docker.getContainer(helper).remove({ force: true }).catch(() => {})
    await docker.getVolume(name).remove().catch(() => {})
  }
}
