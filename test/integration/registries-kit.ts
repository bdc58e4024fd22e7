/**
 * Helpers for the registries integration tests: a throwaway DOCKER_CONFIG per test (never the
 * real ~/.docker), the docker CLI run against it, a real docker-credential-* helper program,
 * tiny unique images pushed under 127.0.0.1:5000/registries/<run>/…, and raw registry reads
 * (plain fetch, no Berth code) to check what Berth reports against what the registry says.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../electron/core/app'
import { EngineApi } from '../e2e/support/engine-api'
import { importImage, push, removeImage, type RegistryLogin } from '../e2e/support/image-api'
import type { TestHost } from '../support/testHost'

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
export function runPrefix(): string {
  return `registries/it-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
}

export function loginOf(host: TestHost): RegistryLogin {
  return { host: host.registry.host, user: host.registry.user, password: host.registry.password }
}

/** Runs the preinstalled docker CLI with only the given config folder and the test engine. */
export function docker(host: TestHost, env: NodeJS.ProcessEnv, args: string[], input?: string): { status: number | null; output: string } {
  const result = spawnSync('docker', args, {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH, HOME: env.HOME ?? tmpdir(), DOCKER_HOST: host.dockerHost, ...env }
  })
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` }
}

/**
 * A real credential helper: `docker-credential-berthtest`, a shell script keeping each server's
 * {ServerURL, Username, Secret} as a file in `storeDir`, speaking the protocol the CLI speaks.
 */
export function writeCredentialHelper(root: string): { binDir: string; storeDir: string; path: string } {
  const binDir = join(root, 'bin')
  const storeDir = join(root, 'helper-store')
  mkdirSync(binDir, { recursive: true })
  mkdirSync(storeDir, { recursive: true })
  const path = join(binDir, 'docker-credential-berthtest')
  writeFileSync(
    path,
    `#!/bin/sh
# A test credential helper: one file per server URL (its name is the URL, base64url-encoded).
store='${storeDir}'
input=$(cat)
keyof() { printf '%s' "$1" | base64 | tr -d '\\n=' | tr '/+' '_-'; }
echo "$1" >> "$store/calls.log"
case "$1" in
  store)
    url=$(printf '%s' "$input" | sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p')
    printf '%s' "$input" > "$store/$(keyof "$url").json" ;;
  get)
    f="$store/$(keyof "$input").json"
    if [ -f "$f" ]; then cat "$f"; else echo "credentials not found in native keychain"; exit 1; fi ;;
  erase)
    rm -f "$store/$(keyof "$input").json" ;;
  list)
    printf '{'; sep=''
    for f in "$store"/*.json; do
      [ -f "$f" ] || continue
      url=$(sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p' "$f"); user=$(sed -n 's/.*"Username":"\\([^"]*\\)".*/\\1/p' "$f")
      printf '%s"%s":"%s"' "$sep" "$url" "$user"; sep=','
    done
    printf '}\\n' ;;
  *) echo "unknown action $1"; exit 1 ;;
esac
`
  )
  chmodSync(path, 0o755)
  return { binDir, storeDir, path }
}

/** The file the helper keeps for a server URL. */
export function helperFileFor(storeDir: string, serverUrl: string): string {
  return join(storeDir, `${Buffer.from(serverUrl).toString('base64').replace(/=+$/, '').replace(/\//g, '_').replace(/\+/g, '-')}.json`)
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

export interface RegistriesCore {
  core: Core
  /** Berth's own config folder (registries.json lives here). */
  configDir: string
  dispose(): Promise<void>
}

/** A core on the test engine with its own HOME, Berth config folder and the given DOCKER_CONFIG. */
export async function registriesCore(host: TestHost, dockerConfigDir: string, env: NodeJS.ProcessEnv = {}): Promise<RegistriesCore> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-registries-core-'))
  const configDir = join(dir, 'config')
  const core = await createCore({
    env: { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost, DOCKER_CONFIG: dockerConfigDir, ...env },
    configDir,
    homeDir: join(dir, 'home')
  })
  return {
    core,
    configDir,
    async dispose() {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
