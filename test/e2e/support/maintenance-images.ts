/**
 * Images of the image-maintenance specs' own, made straight on the engine: a container writes
 * some random bytes, is committed (labelled for cleanup, optionally without a name: dangling),
 * and goes away. Plus the labels and the cleanup that touches only what carries them.
 */
import { randomBytes } from 'node:crypto'
import type { EngineApi } from './engine-api'
import { commit } from './image-api'

/**
 * Not the suite-wide e2e label: other helpers' e2e runs share this engine and remove everything
 * carrying that one at start-up and teardown, which would pull our images away mid-test.
 */
export const AREA_LABELS: Record<string, string> = { 'berth.test': '1', 'berth.test.area': 'image-maintenance' }
export const AREA_FILTERS = ['berth.test=1', 'berth.test.area=image-maintenance']

export function uniqueName(what: string): string {
  return `image-maintenance-${what}-${randomBytes(3).toString('hex')}`
}

/** Commits a container that wrote `bytes` random bytes; without `repo` the image is dangling. Returns its id. */
export async function makeImage(engine: EngineApi, base: string, repo?: string, tag = 'v1', bytes = 50_000): Promise<string> {
  const id = await engine.createContainer({ name: uniqueName('maker'), image: base, cmd: ['sh', '-c', `head -c ${bytes} /dev/urandom > /data`], labels: AREA_LABELS })
  try {
    await engine.start(id)
    await engine.ok('POST', `/containers/${id}/wait`)
    return await commit(engine, id, AREA_LABELS, repo, tag)
  } finally {
    await engine.remove(id)
  }
}

export async function imageExists(engine: EngineApi, reference: string): Promise<boolean> {
  return (await engine.request('GET', `/images/${encodeURIComponent(reference)}/json`)).status === 200
}

export async function removeAreaObjects(engine: EngineApi): Promise<void> {
  await engine.removeContainersLabelled(AREA_FILTERS)
  // Twice: a child image may hold its parent the first time round.
  await engine.removeImagesLabelled(AREA_FILTERS)
  await engine.removeImagesLabelled(AREA_FILTERS)
}
