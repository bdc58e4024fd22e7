/**
 * On an engine with no image at all (a private one: images are engine-wide), browsing and backing
 * up a volume say so in words — Berth never pulls an image by itself — and leave nothing behind.
 */
import Docker from 'dockerode'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/app'
import { startPrivateEngine, type PrivateEngine } from '../support/privateEngine'
import { openBrowse, receive } from './volumes-kit'

let engine: PrivateEngine
let core: Core
let docker: Docker
let dir: string

beforeAll(async () => {
  engine = await startPrivateEngine('vn-noimage')
  docker = new Docker({ socketPath: engine.socketPath })
  dir = mkdtempSync(join(tmpdir(), 'berth-vn-noimage-'))
  core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: engine.dockerHost }, configDir: join(dir, 'config'), homeDir: join(dir, 'home') })
  await core.engines.whenActive()
  await docker.createVolume({ Name: 'vn-lonely', Labels: { 'berth.test': '1', 'berth.test.area': 'volumes-networks' } })
}, 120_000)

afterAll(async () => {
  await core?.close()
  await engine?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
}, 120_000)

describe('no image on the engine', () => {
  it('browse says which images would do and that Berth does not pull', async () => {
    await expect(openBrowse(core, 'vn-lonely')).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/needs a small image with a shell .*busybox, alpine or debian.*Berth never pulls images by itself/)
    })
  })

  it('backup says it needs an image, and no helper is left', async () => {
    await expect(receive(core, 'volumes.backup', { name: 'vn-lonely' })).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/needs an image on this engine/) })
    expect(await docker.listContainers({ all: true })).toEqual([])
  })
})
