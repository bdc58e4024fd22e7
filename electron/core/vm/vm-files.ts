/**
 * Where the Berth VM keeps its things (under Berth's config dir, `vm/`) and its saved choices
 * (vm.json: resources, options, the SSH port, the image it was made with). The data disk, the
 * VM's SSH key and the pinned host key live beside it; the image itself is shared, in the cache.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { VmOptions, VmResources } from '../../../shared/vm-models'

export const VmConfig = z.object({
  resources: VmResources,
  /** Saved while the VM ran; applied at its next start. */
  pendingResources: VmResources.optional(),
  options: VmOptions,
  sshPort: z.number().int().min(1).max(65535),
  /** The recipe key of the image the VM last booted. */
  imageKey: z.string().optional()
})
export type VmConfig = z.infer<typeof VmConfig>

/** What a running VM left behind for the next Berth ("keep running"): enough to adopt it. */
export const VmRunRecord = z.object({ pid: z.number().int(), sshPort: z.number().int(), startedAt: z.number() })
export type VmRunRecord = z.infer<typeof VmRunRecord>

export class VmFiles {
  constructor(readonly dir: string) {}

  get configFile(): string {
    return join(this.dir, 'vm.json')
  }
  get runFile(): string {
    return join(this.dir, 'running.json')
  }
  get dataDisk(): string {
    return join(this.dir, 'data.img')
  }
  get privateKey(): string {
    return join(this.dir, 'id_ed25519')
  }
  get knownHosts(): string {
    return join(this.dir, 'known_hosts')
  }
  get serialLog(): string {
    return join(this.dir, 'serial.log')
  }
  get pidFile(): string {
    return join(this.dir, 'qemu.pid')
  }
  /** Unix socket paths are limited to ~107 bytes: a deep config dir gets a short one in /tmp. */
  get controlSocket(): string {
    const path = join(this.dir, 'qmp.sock')
    if (Buffer.byteLength(path) < 100) return path
    return join(tmpdir(), `berth-qmp-${createHash('sha256').update(this.dir).digest('hex').slice(0, 12)}.sock`)
  }

  async readConfig(): Promise<VmConfig | undefined> {
    return readJson(this.configFile, VmConfig)
  }
  async writeConfig(config: VmConfig): Promise<void> {
    await writeAtomically(this.configFile, config)
  }
  async readRun(): Promise<VmRunRecord | undefined> {
    return readJson(this.runFile, VmRunRecord)
  }
  async writeRun(record: VmRunRecord | undefined): Promise<void> {
    if (record) await writeAtomically(this.runFile, record)
    else await writeFile(this.runFile, '').catch(() => {})
  }
}

async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(path, 'utf8')))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

async function writeAtomically(path: string, value: unknown): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 })
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 })
  await rename(tmp, path)
}
