/**
 * Registry fixtures shared by the registries integration tests and E2E spec: a throwaway
 * DOCKER_CONFIG (never the real ~/.docker), tiny unique images pushed under
 * 127.0.0.1:5000/registries/<run>/…, and raw registry reads (plain fetch, no Berth code) to
 * check what Berth reports against what the registry says — and to delete this run's manifests.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EngineApi } from '../e2e/support/engine-api'
import { importImage, push, removeImage, type RegistryLogin } from '../e2e/support/image-api'
import type { TestHost } from './testHost'

/** Labels on the local images these tests make (pushed, then removed again). */
export const REGISTRIES_LABELS = { 'berth.test': '1', 'berth.test.area': 'registries' }

export interface TempDockerConfig {
  /** The DOCKER_CONFIG folder. */
  dir: string
  configPath: string
  cleanup(): void
}

export function tempDockerConfig(): TempDockerConfig {
  const dir = mkdtempSync(join(tmpdir(), 'berth-registries-docker-'))
  return { dir, configPath: join(dir, 'config.json'), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A run-unique repository prefix under the registries area's own namespace. */
export function runPrefix(kind = 'it'): string {
  return `registries/${kind}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
}

export function loginOf(host: TestHost): RegistryLogin {
  return { host: host.registry.host, user: host.registry.user, password: host.registry.password }
}

/** Imports a tiny unique image as `reference`, pushes it, removes it locally again. */
export async function pushUniqueImage(engine: EngineApi, reference: string, login: RegistryLogin): Promise<void> {
  const colon = reference.lastIndexOf(':')
  await importImage(engine, reference.slice(0, colon), reference.slice(colon + 1), REGISTRIES_LABELS)
  try {
    await push(engine, reference, login)
  } finally {
    await removeImage(engine, reference, true).catch(() => {})
  }
}

export function basic(login: RegistryLogin): string {
  return `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}`
}

/** A raw v2 request to the test registry with its credentials (independent of Berth's client). */
export function rawRegistry(host: TestHost, path: string, init: { method?: string; accept?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: basic(loginOf(host)) }
  if (init.accept) headers.accept = init.accept
  return fetch(`${host.registry.url}${path}`, { method: init.method ?? 'GET', headers })
}

/** Deletes every manifest of the repositories under `prefix` (only this run's own). */
export async function deleteRepositories(host: TestHost, prefix: string): Promise<void> {
  const catalog = (await (await rawRegistry(host, '/v2/_catalog?n=10000')).json()) as { repositories?: string[] }
  for (const repository of (catalog.repositories ?? []).filter((name) => name.startsWith(`${prefix}/`))) {
    const list = (await (await rawRegistry(host, `/v2/${repository}/tags/list`)).json()) as { tags?: string[] | null }
    for (const tag of list.tags ?? []) {
      const head = await rawRegistry(host, `/v2/${repository}/manifests/${tag}`, { method: 'HEAD', accept: 'application/vnd.docker.distribution.manifest.v2+json' })
      const digest = head.headers.get('docker-content-digest')
      if (digest) await rawRegistry(host, `/v2/${repository}/manifests/${digest}`, { method: 'DELETE' })
    }
  }
}

export function engineFor(host: TestHost): EngineApi {
  return new EngineApi(host.dockerSocket)
}
