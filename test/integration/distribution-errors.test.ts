/**
 * Pull and push failures produced for real and checked for their words: Docker Hub while this
 * machine is offline, a registry port where nothing listens, a registry speaking plain HTTP where
 * the engine wants HTTPS, a self-signed certificate, and a disk that fills up mid-pull (a private
 * engine whose data root is a small tmpfs, reaching the test registry through a bridge).
 */
import { execFileSync } from 'node:child_process'
import { lookup } from 'node:dns/promises'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXTRA_ENGINES_DIR, startPrivateEngine, type PrivateEngine } from '../support/privateEngine'
import { createTestCore, uniqueName, type TestCore } from './handlers-kit'
import {
  REGISTRY_AREA,
  buildLayeredImage,
  deleteFromRegistry,
  dockerConfigWithLogin,
  removeImageIfPresent,
  streamThroughPeer
} from './distribution-kit'
import { bridgeLoopbackPort, closedPort, plainHttpRegistry, selfSignedRegistry } from './distribution-fault-hosts'

let t: TestCore

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await t.dispose()
})

async function pullError(core: TestCore, reference: string) {
  const error = await streamThroughPeer(core.core.handlers, 'images.pull', { reference }).ended
  expect(error, `pulling ${reference} should fail`).not.toBeNull()
  return error as NonNullable<typeof error>
}

describe('unreachable registries', () => {
  it('Docker Hub while offline: the name can not be found, this machine may be offline', async (context) => {
    const online = await lookup('registry-1.docker.io').then(() => true, () => false)
    if (online) context.skip() // this machine reaches the internet: the offline case can't happen here
    const error = await pullError(t, 'docker.io/library/alpine')
    expect(error.code).toBe('UNREACHABLE')
    expect(error.message).toBe(
      "Docker Hub (docker.io) can't be reached: the name registry-1.docker.io can't be found (DNS). Check the name, or your network: this machine may be offline."
    )
    expect(error.detail).toMatchObject({ registry: 'docker.io', reason: 'unreachable' })
  })

  it('a port where nothing listens: connection refused', async () => {
    const address = await closedPort()
    const error = await pullError(t, `${address}/${REGISTRY_AREA}/nothing:v1`)
    expect(error.code).toBe('UNREACHABLE')
    expect(error.message).toBe(`Nothing answers at ${address} (connection refused): check the address and port, and that the registry is running.`)
  })

  it('a push to a registry that is offline fails the same way, from inside the progress stream', async () => {
    const address = await closedPort()
    const reference = `${address}/${REGISTRY_AREA}/${uniqueName('offline')}:v1`
    await t.docker.getImage(t.host.testImage).tag({ repo: reference.slice(0, reference.lastIndexOf(':')), tag: 'v1' })
    try {
      const error = await streamThroughPeer(t.core.handlers, 'images.push', { reference }).ended
      expect(error?.code).toBe('UNREACHABLE')
      expect(error?.message).toContain(`Nothing answers at ${address} (connection refused)`)
    } finally {
      await t.docker.getImage(reference).remove().catch(() => {})
    }
  })
})

describe('TLS problems', () => {
  it('a registry answering plain HTTP: serve TLS or mark it insecure', async () => {
    const server = await plainHttpRegistry()
    try {
      const error = await pullError(t, `${server.address}/${REGISTRY_AREA}/x:v1`)
      expect(error.code).toBe('UNREACHABLE')
      expect(error.message).toContain(`${server.address} answers over plain HTTP, but the engine talks to it over HTTPS only`)
      expect(error.message).toContain(`add "${server.address}" to "insecure-registries"`)
      expect(error.detail).toMatchObject({ reason: 'tls' })
    } finally {
      await server.close()
    }
  })

  it('a self-signed certificate: the engine does not trust it', async (context) => {
    const server = await selfSignedRegistry()
    if (!server) return context.skip() // no openssl to make a certificate with
    try {
      const error = await pullError(t, `${server.address}/${REGISTRY_AREA}/x:v1`)
      expect(error.code).toBe('UNREACHABLE')
      expect(error.message).toContain(`The engine does not trust ${server.address}'s TLS certificate (certificate signed by unknown authority)`)
      expect(error.message).toContain(`/etc/docker/certs.d/${server.address}/ca.crt`)
    } finally {
      await server.close()
    }
  })
})

describe('disk full', () => {
  const ENGINE = 'dist-disk-full'
  let engine: PrivateEngine | undefined
  let unbridge: (() => Promise<void>) | undefined
  let configDir: string
  let full: TestCore | undefined
  let repository: string
  let reference: string

  beforeAll(async () => {
    configDir = dockerConfigWithLogin(t.host)
    const pusher = await createTestCore({ DOCKER_CONFIG: configDir })
    repository = `${REGISTRY_AREA}/${uniqueName('big')}`
    reference = `${t.host.registry.host}/${repository}:v1`
    try {
      await buildLayeredImage(pusher.docker, t.host.testImage, reference, [12_000_000, 12_000_000, 12_000_000])
      expect(await streamThroughPeer(pusher.core.handlers, 'images.push', { reference }).ended).toBeNull()
    } finally {
      await removeImageIfPresent(pusher.docker, reference)
      await pusher.dispose()
    }
    // A private engine whose data root is a 20 MB tmpfs: started once (to lay out its folders),
    // killed, the tmpfs mounted over its data root, started again.
    engine = await startPrivateEngine(ENGINE)
    await engine.kill()
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', join(EXTRA_ENGINES_DIR, ENGINE, 'data')])
    await engine.start()
    const pid = Number(readFileSync(join(EXTRA_ENGINES_DIR, ENGINE, 'docker.pid'), 'utf8').trim())
    unbridge = await bridgeLoopbackPort(pid, Number(t.host.registry.host.split(':')[1]))
    full = await createTestCore({ DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: configDir })
  }, 180_000)

  afterAll(async () => {
    await full?.dispose()
    await unbridge?.()
    await engine?.stop() // unmounts what is under its folder, the tmpfs included
    await deleteFromRegistry(t.host, repository, 'v1')
    rmSync(configDir, { recursive: true, force: true })
  }, 120_000)

  it('a pull that fills the engine\'s disk says so and what to free', async () => {
    const error = await pullError(full as TestCore, reference)
    expect(error.code).toBe('NO_SPACE')
    expect(error.message).toBe(
      `The engine ran out of disk space while pulling ${reference}: free some space (remove unused images or prune the build cache in Disk usage), then try again.`
    )
  })
})
