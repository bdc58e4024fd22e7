/** engines.* through the handler table: list, info, use (remembered in settings), switch events. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EngineSummary, type WatchEvent } from '../../shared/models'
import { createCore } from '../../electron/core/app'
import { call, createTestCore, type TestCore } from './handlers-kit'

let t: TestCore

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await t.dispose()
})

describe('engines', () => {
  it('lists DOCKER_HOST first and connected, the platform default too', async () => {
    const list = await call(t.core, 'engines.list', {})
    for (const engine of list) EngineSummary.parse(engine)
    const env = list[0]
    expect(env).toMatchObject({ id: 'env', kind: 'unix', source: 'env', endpoint: t.socket, active: true })
    await t.core.engines.whenActive()
    expect(t.core.engines.get('env')).toMatchObject({ state: 'connected', version: expect.stringMatching(/^\d+\.\d+/) })
    expect(list.map((e) => e.id)).toContain('socket:/var/run/docker.sock')
    expect(list.filter((e) => e.active)).toHaveLength(1)
  })

  it('engines.info describes the real engine', async () => {
    const info = await call(t.core, 'engines.info', {})
    const raw = (await t.docker.info()) as { ServerVersion: string; NCPU: number; Images: number }
    expect(info).toMatchObject({ engineId: 'env', version: raw.ServerVersion, cpus: raw.NCPU, images: raw.Images, os: 'linux' })
    expect(Number(info.apiVersion)).toBeGreaterThanOrEqual(1.41)
  })

  it('the first run remembers the chosen engine; engines.use switches, is remembered, and emits an engine event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-use-'))
    const configDir = join(dir, 'config')
    const env = { DOCKER_HOST: t.host.dockerHost, DOCKER_CONTEXT: 'other' }
    const core = await createCore({ env, configDir, homeDir: dir })
    try {
      await core.engines.whenActive()
      // The first run's choice is written in the background; wait for that write, not for luck.
      await core.engines.settings.flush()
      const settingsFile = join(configDir, 'settings.json')
      expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ activeEngineId: 'env' })

      const events: WatchEvent[] = []
      const controller = new AbortController()
      const done = core.handlers['events.watch']({}, (e) => events.push(e), controller.signal)
      const other = 'socket:/var/run/docker.sock'
      const used = await call(core, 'engines.use', { id: other })
      expect(used).toMatchObject({ id: other, active: true })
      await core.engines.settings.flush()
      expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ activeEngineId: other })
      expect(events.some((e) => e.type === 'engine' && e.engine.id === other && e.engine.active)).toBe(true)

      await expect(call(core, 'engines.use', { id: 'context:nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      controller.abort()
      await done
    } finally {
      await core.close()
    }
    // A new core starts on the remembered engine.
    const again = await createCore({ env, configDir, homeDir: dir })
    try {
      expect(again.engines.activeSummary().id).toBe('socket:/var/run/docker.sock')
    } finally {
      await again.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
