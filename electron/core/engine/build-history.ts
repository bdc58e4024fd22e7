/**
 * Build history: what was built, when, how long, and how it ended, kept in Berth's config folder
 * (build-history.json) across restarts. Newest first, at most MAX_HISTORY records. Writes are
 * atomic (temp file + rename) and chained, so a crash or two quick builds never leave a half
 * file; a record that no longer parses (an older or hand-edited file) is dropped, not fatal.
 * Not an engine file as such, but the build area's own: it lives beside the build engine code.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BuildRecord, MAX_HISTORY } from '../../../shared/build-models'

export const HISTORY_FILE_NAME = 'build-history.json'

export class BuildHistory {
  private records: BuildRecord[] | null = null
  private loading: Promise<BuildRecord[]> | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly dir: string,
    private readonly log: (message: string) => void = () => {}
  ) {}

  get path(): string {
    return join(this.dir, HISTORY_FILE_NAME)
  }

  async list(): Promise<BuildRecord[]> {
    return [...(await this.load())]
  }

  async add(record: BuildRecord): Promise<void> {
    const records = await this.load()
    records.unshift(record)
    records.splice(MAX_HISTORY)
    await this.save(records)
  }

  async clear(): Promise<void> {
    const records = await this.load()
    records.splice(0)
    await this.save(records)
  }

  private load(): Promise<BuildRecord[]> {
    if (this.records) return Promise.resolve(this.records)
    this.loading ??= this.read().then((records) => (this.records = records))
    return this.loading
  }

  private async read(): Promise<BuildRecord[]> {
    let raw: unknown
    try {
      raw = JSON.parse(await readFile(this.path, 'utf8'))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`build history: starting empty, ${this.path} is unreadable: ${(err as Error).message}`)
      return []
    }
    const list = (raw as { records?: unknown } | null)?.records
    if (!Array.isArray(list)) return []
    const records: BuildRecord[] = []
    for (const item of list) {
      const parsed = BuildRecord.safeParse(item)
      if (parsed.success) records.push(parsed.data)
    }
    return records.slice(0, MAX_HISTORY)
  }

  private save(records: BuildRecord[]): Promise<void> {
    const snapshot = JSON.stringify({ version: 1, records }, null, 1) + '\n'
    // A failed earlier write must not block this one: chain on its settling, not its success.
    this.writing = this.writing.catch(() => {}).then(() => this.writeAtomically(snapshot))
    return this.writing
  }

  private async writeAtomically(text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const temp = `${this.path}.${process.pid}.${Date.now()}.tmp`
    await writeFile(temp, text, { mode: 0o600 })
    await rename(temp, this.path)
  }
}
