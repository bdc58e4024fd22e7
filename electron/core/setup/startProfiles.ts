/**
 * Engines Berth knows how to start because a person (or a test) told it: `engine-start.json` in
 * Berth's config folder, e.g.
 *
 *   { "engines": [ { "name": "Docker (data on /srv)", "socket": "/run/my-docker.sock",
 *                    "command": ["dockerd", "-H", "unix:///run/my-docker.sock", "--data-root", "/srv/docker"],
 *                    "asRoot": true } ] }
 *
 * "Start" then runs that command in the background (Berth keeps its log) and waits for the socket.
 * This is what makes starting a stopped engine testable without the machine's own Docker: a test
 * describes a private dockerd here. The file is the person's own, like a shell profile; the command
 * is still shown verbatim before anything runs.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { StartProfilesFile, type StartProfile } from './profileSchema'

export { profileFor, type StartProfile } from './profileSchema'

export const START_PROFILES_FILE = 'engine-start.json'

export interface ProfilesResult {
  profiles: StartProfile[]
  /** Why the file was ignored, in words (it exists but is not valid). */
  problem?: string
}

export function readStartProfiles(configDir: string): ProfilesResult {
  const path = join(configDir, START_PROFILES_FILE)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return { profiles: [] }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    return { profiles: [], problem: `${path} is not valid JSON (${(err as Error).message}); Berth ignores it.` }
  }
  const parsed = StartProfilesFile.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { profiles: [], problem: `${path}: ${issue?.path.join('.') || 'file'} ${issue?.message ?? 'is not valid'}; Berth ignores it.` }
  }
  return { profiles: parsed.data.engines }
}
