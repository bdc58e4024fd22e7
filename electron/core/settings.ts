/**
 * Persisted settings under the OS config dir, as one small JSON file. Plain Node (no Electron
 * APIs) so browser mode and tests use the same code. Writes are atomic (tmp file + rename) so a
 * crash mid-write never leaves a half-written file that would lose the user's choices.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'

/**
 * An SSH remote the person added (Engines → Add remote engine). No secrets: a key file is kept
 * by path, passphrases live in memory only, and host keys live in known_hosts.
 */
export const StoredRemote = z.object({
  id: z.string().regex(/^remote:[A-Za-z0-9-]{1,64}$/),
  name: z.string().min(1).max(80),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1).max(64).optional(),
  identityFile: z.string().min(1).max(4096).optional(),
  remoteSocket: z.string().startsWith('/').max(1024)
})
export type StoredRemote = z.infer<typeof StoredRemote>

export interface Settings {
  /** The engine the user picked last; restored on the next start. */
  activeEngineId?: string
  /** SSH remotes the person added, in the order they were added. */
  remotes?: StoredRemote[]
}

/** Keeps the remotes that still parse; one bad entry (a hand edit) does not lose the others. */
function parseRemotes(value: unknown): StoredRemote[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.flatMap((item) => {
    const parsed = StoredRemote.safeParse(item)
    return parsed.success ? [parsed.data] : []
  })
}

export const SETTINGS_FILE_NAME = 'settings.json'
const APP_DIR_NAME = 'Berth'

/** The OS config dir for Berth, the way Electron's app.getPath('userData') would put it. */
export function defaultConfigDir(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
  platform: NodeJS.Platform = process.platform
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME)
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  const xdg = env.XDG_CONFIG_HOME
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.config'), APP_DIR_NAME)
}

function parseSettings(text: string): Settings {
  const raw: unknown = JSON.parse(text)
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {}
  const record = raw as Record<string, unknown>
  const settings: Settings = {}
  if (typeof record.activeEngineId === 'string') settings.activeEngineId = record.activeEngineId
  const remotes = parseRemotes(record.remotes)
  if (remotes) settings.remotes = remotes
  return settings
}

export class SettingsStore {
  private current: Settings
  /** Writes are chained so two quick updates never race on the tmp file. */
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    readonly dir: string,
    initial: Settings,
    private readonly log: (msg: string) => void
  ) {
    this.current = initial
  }

  get path(): string {
    return join(this.dir, SETTINGS_FILE_NAME)
  }

  /** Loads the settings; a missing or unreadable file means defaults (and says so in the log). */
  static async load(dir: string, log: (msg: string) => void = () => {}): Promise<SettingsStore> {
    let initial: Settings = {}
    try {
      initial = parseSettings(await readFile(join(dir, SETTINGS_FILE_NAME), 'utf8'))
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'ENOENT') log(`settings: ignoring unreadable ${join(dir, SETTINGS_FILE_NAME)}: ${(err as Error).message}`)
    }
    return new SettingsStore(dir, initial, log)
  }

  get(): Readonly<Settings> {
    return this.current
  }

  update(patch: Partial<Settings>): Promise<void> {
    this.current = { ...this.current, ...patch }
    const snapshot = JSON.stringify(this.current, null, 2) + '\n'
    this.writing = this.writing.then(() => this.writeAtomically(snapshot)).catch((err: Error) => {
      this.log(`settings: could not save ${this.path}: ${err.message}`)
    })
    return this.writing
  }

  /** Resolves once every pending write reached the disk. */
  flush(): Promise<void> {
    return this.writing
  }

  private async writeAtomically(text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const tmp = `${this.path}.${process.pid}.tmp`
    await writeFile(tmp, text, { mode: 0o600 })
    await rename(tmp, this.path)
  }
}
