/**
 * The registries a person added in Berth, kept in Berth's config folder (registries.json) with
 * the scheme found when they were added. Written atomically (temp file + rename) so a crash
 * never loses the list; an unreadable file is set aside in the log, not fatal.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { parseRegistryAddress } from '../../../shared/registries-models'

export const REGISTRIES_FILE_NAME = 'registries.json'

const StoredRegistry = z.object({
  id: z.string().refine((id) => parseRegistryAddress(id)?.id === id),
  scheme: z.enum(['http', 'https']),
  added: z.string()
})
export type StoredRegistry = z.infer<typeof StoredRegistry>

const StoredFile = z.object({ registries: z.array(z.unknown()) })

export class KnownRegistries {
  private loaded: Promise<StoredRegistry[]> | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly configDir: string,
    private readonly log: (message: string) => void
  ) {}

  get path(): string {
    return join(this.configDir, REGISTRIES_FILE_NAME)
  }

  list(): Promise<StoredRegistry[]> {
    this.loaded ??= this.read()
    return this.loaded
  }

  async add(entry: StoredRegistry): Promise<void> {
    const current = await this.list()
    await this.save([...current.filter((known) => known.id !== entry.id), entry])
  }

  async remove(id: string): Promise<boolean> {
    const current = await this.list()
    if (!current.some((known) => known.id === id)) return false
    await this.save(current.filter((known) => known.id !== id))
    return true
  }

  private async read(): Promise<StoredRegistry[]> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`registries: cannot read ${this.path}: ${(err as Error).message}`)
      return []
    }
    let json: unknown
    try {
      json = JSON.parse(text || '{}')
    } catch {
      json = null
    }
    const parsed = StoredFile.safeParse(json)
    if (!parsed.success) {
      this.log(`registries: ${this.path} is not a registry list; starting with an empty one`)
      return []
    }
    // One bad entry (hand-edited) should not cost the others.
    return parsed.data.registries.flatMap((entry) => {
      const one = StoredRegistry.safeParse(entry)
      return one.success ? [one.data] : []
    })
  }

  private save(registries: StoredRegistry[]): Promise<void> {
    this.loaded = Promise.resolve(registries)
    const text = JSON.stringify({ registries }, null, 2) + '\n'
    this.writing = this.writing.catch(() => {}).then(async () => {
      await mkdir(this.configDir, { recursive: true })
      const temp = join(this.configDir, `.${REGISTRIES_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`)
      await writeFile(temp, text)
      await rename(temp, this.path)
    })
    return this.writing
  }
}
