/**
 * Helpers for the registries integration tests (beyond test/support/registries.ts): the docker
 * CLI run against a throwaway config folder, a real docker-credential-* helper program, and a
 * core whose Berth config folder the test can look into.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../electron/core/app'
import type { TestHost } from '../support/testHost'

export * from '../support/registries'

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
