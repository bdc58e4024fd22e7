/** The layer facts file: what is saved comes back, what is damaged or foreign is dropped. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LayerFactsFile, layerFactsPath, validSnapshot, type LayerFactsSnapshot } from '../../electron/core/engine/image-details-persist'

const digest = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`
const dirs: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-facts-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const sample: LayerFactsSnapshot = {
  version: 1,
  images: { [digest(1)]: [digest(10), digest(11)] },
  layers: { [digest(10)]: { size: 4_000_000, createdBy: 'ADD rootfs.tar /' }, [digest(11)]: { size: 0, createdBy: 'RUN true' } },
  historyRead: [digest(1)]
}

describe('validSnapshot', () => {
  it('keeps a well-formed snapshot as it is', () => {
    expect(validSnapshot(JSON.parse(JSON.stringify(sample)))).toEqual(sample)
  })

  it('refuses another version or something that is not an object', () => {
    expect(validSnapshot({ ...sample, version: 2 })).toBeNull()
    expect(validSnapshot(null)).toBeNull()
    expect(validSnapshot('facts')).toBeNull()
  })

  it('drops entries that are not digests, sizes that are not sizes, chains that are not lists', () => {
    const damaged = {
      version: 1,
      images: { [digest(1)]: [digest(10)], 'not-a-digest': [digest(10)], [digest(2)]: 'x', [digest(3)]: [digest(10), 'nope'] },
      layers: { [digest(10)]: { size: 5, createdBy: 'RUN a' }, [digest(11)]: { size: -1, createdBy: 'RUN b' }, [digest(12)]: { size: 1 }, bad: { size: 1, createdBy: '' } },
      historyRead: [digest(1), 7, 'x']
    }
    expect(validSnapshot(damaged)).toEqual({
      version: 1,
      images: { [digest(1)]: [digest(10)] },
      layers: { [digest(10)]: { size: 5, createdBy: 'RUN a' } },
      historyRead: [digest(1)]
    })
  })
})

describe('LayerFactsFile', () => {
  it('saves after a moment, reads back the same facts, owner-only, no temp file left', async () => {
    const path = layerFactsPath(join(tempDir(), 'cache'), 'ssh://me@host:22/run/docker.sock')
    const file = new LayerFactsFile(path)
    expect(await file.load()).toBeNull()
    file.scheduleSave(() => sample)
    await file.flush()
    expect(await new LayerFactsFile(path).load()).toEqual(sample)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(join(path, '..'))).toEqual([path.split('/').pop()])
  })

  it('writes the latest of several quick changes once', async () => {
    const path = layerFactsPath(tempDir(), 'local')
    const file = new LayerFactsFile(path)
    let taken = 0
    const later = { ...sample, historyRead: [] }
    file.scheduleSave(() => (taken++, sample))
    file.scheduleSave(() => (taken++, later))
    await file.flush()
    expect(taken).toBe(1)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(later)
  })

  it('starts empty from a damaged file and says so in the log', async () => {
    const path = join(tempDir(), 'facts.json')
    writeFileSync(path, '{"version":1,"images":{')
    const logged: string[] = []
    expect(await new LayerFactsFile(path, (line) => logged.push(line)).load()).toBeNull()
    expect(logged.join('\n')).toMatch(/damaged/)
  })

  it('names one file per engine, never with the engine id in it', () => {
    const a = layerFactsPath('/c', 'ssh://alice@example.org')
    expect(a).toMatch(/^\/c\/layer-facts-[0-9a-f]{16}\.json$/)
    expect(a).not.toBe(layerFactsPath('/c', 'local'))
  })
})
