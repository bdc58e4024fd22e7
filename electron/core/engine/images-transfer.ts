/**
 * docker save / docker load on the engine side: GET /images/get?names=… answers one tar with all
 * the named images (their layers once each), POST /images/load takes such a tar. Both bodies are
 * streams handed to the caller, who pipes them to a file or an HTTP exchange with backpressure:
 * nothing here holds a whole tar.
 */
import type Docker from 'dockerode'
import type { Readable } from 'node:stream'
import { RpcError } from '../../../shared/errors'
import { dial } from './modem'
import { inspectImage } from './images-remove'
import { layerCacheFor } from './images-layers'
import { saveFileName } from '../../../shared/image-maintenance-models'

export interface SavePlan {
  fileName: string
  /** The bytes of every layer the images stand on, each once: close to the tar's size (layers go in uncompressed). */
  estimatedBytes: number
  /** The references to send as names=… (checked to exist). */
  names: string[]
}

export async function planSave(docker: Docker, refs: readonly string[], signal?: AbortSignal): Promise<SavePlan> {
  const seen = new Map<string, number>()
  for (const ref of refs) {
    const image = await inspectImage(docker, ref, signal)
    // Two tags of one image are one image in the tar: count its size once.
    seen.set(image.Id, image.Size ?? 0)
  }
  const layers = await layerCacheFor(docker).layersOf([...seen].map(([id, size]) => ({ id, size })), signal)
  const unique = new Map<string, number>()
  for (const image of layers.values()) image.chain.forEach((chainId, index) => unique.set(chainId, image.sizes[index] ?? 0))
  const estimatedBytes = [...unique.values()].reduce((sum, size) => sum + size, 0)
  return { fileName: saveFileName(refs, seen.size), estimatedBytes, names: [...refs] }
}

/** The tar stream; destroy it to stop the engine's export. */
export async function openSave(docker: Docker, names: readonly string[], signal?: AbortSignal): Promise<Readable> {
  return (await dial(docker, {
    path: '/images/get?',
    method: 'GET',
    isStream: true,
    abortSignal: signal,
    statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
    options: { names: [...names] }
  })) as Readable
}

interface LoadLine {
  stream?: string
  error?: string
  errorDetail?: { message?: string }
}

/** The engine's answer lines: "Loaded image: app:1", "Loaded image ID: sha256:…", or an error. */
export function parseLoadAnswer(text: string): string[] {
  const loaded: string[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    let value: LoadLine
    try {
      value = JSON.parse(line) as LoadLine
    } catch {
      continue
    }
    const failure = value.errorDetail?.message ?? value.error
    if (failure) throw loadError(failure)
    const match = /Loaded image(?: ID)?: (\S+)/.exec(value.stream ?? '')
    if (match) loaded.push(match[1])
  }
  return loaded
}

function loadError(words: string): RpcError {
  return new RpcError('INVALID_INPUT', `The engine could not load this file: ${words}. Is it a tar made by docker save (or Berth's Save)?`)
}

/** Streams `tar` into the engine and returns what it loaded. */
export async function loadImages(docker: Docker, tar: Readable, signal?: AbortSignal): Promise<string[]> {
  let body: Readable
  try {
    body = (await docker.loadImage(tar, { quiet: true, abortSignal: signal } as object)) as unknown as Readable
  } catch (err) {
    const message = (err as { json?: { message?: string }; message?: string }).json?.message ?? (err as Error).message
    if ((err as { statusCode?: number }).statusCode === 500 || (err as { statusCode?: number }).statusCode === 400) throw loadError(message)
    throw err
  }
  let text = ''
  // The answer is a few short lines per image: small enough to read whole.
  for await (const chunk of body) text += (chunk as Buffer).toString('utf8')
  const loaded = parseLoadAnswer(text)
  if (loaded.length === 0) throw loadError('it found no images in it')
  return loaded
}
