/**
 * The rules for running and updating a container, written once. The run dialog checks a form
 * with them before it calls anything, and the RPC schemas (shared/run-models.ts) refine their
 * input with the same functions, so a rule can't differ between what the UI says and what the
 * boundary enforces. Pure: no I/O, no DOM, no engine.
 *
 * Every problem is a FieldIssue: the field's path in the RunSpec ("ports.0.hostPort") and a
 * sentence for people. Checks that need the world (names already used, ports published by other
 * containers, the host's cores and memory) run only when the caller passes a RunContext.
 */

/** One problem with one field, in words. */
export interface FieldIssue {
  field: string
  message: string
}

/** A port some other container already publishes (from the containers store). */
export interface PublishedPort {
  hostIp?: string
  hostPort: number
  protocol: string
  containerName: string
}

/** What the caller knows about the world; each part is optional and its checks run only when given. */
export interface RunContext {
  hostCpus?: number
  hostMemoryBytes?: number
  /** Names of existing containers (without the leading slash). */
  containerNames?: ReadonlySet<string>
  publishedPorts?: readonly PublishedPort[]
  networks?: ReadonlySet<string>
}

export const MIB = 1024 * 1024
export const GIB = 1024 * MIB
/** The engine refuses memory limits below 6 MiB ("Minimum memory limit allowed is 6MB"). */
export const MIN_MEMORY_BYTES = 6 * MIB
export const MIN_CPUS = 0.01
export const MAX_PIDS = 4_194_304
export const MAX_RESTART_RETRIES = 1000

const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/
const USER = /^(?:[a-z_][a-z0-9_-]*\$?|[0-9]+)(?::(?:[a-z_][a-z0-9_-]*|[0-9]+))?$/i
const NETWORK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/
// repository[:tag][@digest], with an optional registry host[:port]; or a bare image id.
const IMAGE_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
const IMAGE_REF = new RegExp(
  `^(?:[a-zA-Z0-9.-]+(?::[0-9]{1,5})?/)?${IMAGE_COMPONENT}(?:/${IMAGE_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`
)
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{12,64}$/

export function checkName(name: string, context?: RunContext): string | null {
  if (name === '') return null // optional: the engine picks one
  if (name.length > 128) return 'Names are at most 128 characters.'
  if (!CONTAINER_NAME.test(name)) {
    return 'Use at least 2 characters: letters, digits, _ . or -, starting with a letter or digit.'
  }
  if (context?.containerNames?.has(name)) return `A container called "${name}" already exists. Pick another name.`
  return null
}

export function checkImage(image: string): string | null {
  if (image.trim() === '') return 'Choose an image.'
  if (image.length > 512) return 'Image references are at most 512 characters.'
  if (!IMAGE_REF.test(image) && !IMAGE_ID.test(image)) {
    return 'Not an image reference: use repository[:tag], e.g. busybox:latest (lowercase, no spaces).'
  }
  return null
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') && !path.includes('\0')
}

export function checkWorkingDir(dir: string): string | null {
  if (dir === '') return null
  return isAbsolutePath(dir) ? null : 'The working directory must be an absolute path, e.g. /app.'
}

export function checkUser(user: string): string | null {
  if (user === '') return null
  return USER.test(user) ? null : 'Use a user name or id, optionally with a group: app, 1000 or 1000:1000.'
}

export function checkPort(port: number | undefined, required: boolean): string | null {
  if (port === undefined) return required ? 'Enter the container port (1–65535).' : null
  if (!Number.isInteger(port) || port < 1 || port > 65535) return 'Ports are whole numbers from 1 to 65535.'
  return null
}

function isIpAddress(ip: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip)
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255)
  return /^[0-9a-fA-F:]+$/.test(ip) && ip.includes(':') && ip.split('::').length <= 2
}

export function checkHostIp(ip: string | undefined): string | null {
  if (!ip) return null
  return isIpAddress(ip) ? null : 'Use an IP address such as 127.0.0.1 or 0.0.0.0 (or leave it empty for all).'
}

/** Two bindings collide when protocol and port match and either listens on every address. */
function bindingsOverlap(a: { hostIp?: string; protocol: string }, b: { hostIp?: string; protocol: string }): boolean {
  if (a.protocol !== b.protocol) return false
  const everywhere = (ip?: string): boolean => !ip || ip === '0.0.0.0' || ip === '::'
  return everywhere(a.hostIp) || everywhere(b.hostIp) || a.hostIp === b.hostIp
}

export function checkMountSource(type: 'volume' | 'bind', source: string): string | null {
  if (source === '') return type === 'bind' ? 'Enter the host path to mount.' : 'Enter a volume name (it is created if missing).'
  if (type === 'bind') {
    return isAbsolutePath(source) ? null : 'Bind mounts need an absolute host path, e.g. /srv/data.'
  }
  if (source.startsWith('.') || source.includes('/')) {
    return 'That looks like a path: bind mounts need an absolute host path, e.g. /srv/data.'
  }
  return VOLUME_NAME.test(source) ? null : 'Volume names use letters, digits, _ . or -, at least 2 characters.'
}

export function checkMountTarget(target: string): string | null {
  if (target === '') return 'Enter where to mount it inside the container, e.g. /data.'
  if (!isAbsolutePath(target)) return 'The container path must be absolute, e.g. /data.'
  if (target === '/') return 'The container path can’t be / itself.'
  return null
}

export function checkEnvKey(key: string): string | null {
  if (key === '') return 'Enter a variable name.'
  return ENV_KEY.test(key) ? null : 'Variable names use letters, digits and _, and don’t start with a digit.'
}

export function checkLabelKey(key: string): string | null {
  if (key === '') return 'Enter a label key.'
  if (key.length > 255) return 'Label keys are at most 255 characters.'
  return LABEL_KEY.test(key) ? null : 'Label keys use letters, digits and . _ / -, e.g. com.example.role.'
}

export function checkNetwork(network: string | undefined, context?: RunContext): string | null {
  if (!network) return null
  if (!NETWORK_NAME.test(network)) return 'Network names use letters, digits, _ . or -.'
  if (context?.networks && !context.networks.has(network)) return `There is no network called "${network}".`
  return null
}

export function checkRestartRetries(policy: string, retries: number | undefined): string | null {
  if (retries === undefined || retries === 0) return null
  if (policy !== 'on-failure') return 'A retry count only applies to the on-failure policy.'
  if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RESTART_RETRIES) {
    return `Retries are a whole number from 0 (no limit) to ${MAX_RESTART_RETRIES}.`
  }
  return null
}

export function formatBytesShort(bytes: number): string {
  if (bytes >= GIB) return `${+(bytes / GIB).toFixed(2)} GiB`
  return `${+(bytes / MIB).toFixed(1)} MiB`
}

/** Resource limits as the engine counts them; undefined = not limited (or unchanged, on update). */
export interface ResourceLimits {
  nanoCpus?: number
  cpuQuota?: number
  cpuPeriod?: number
  memory?: number
  /** Memory plus swap; -1 = unlimited swap. */
  memorySwap?: number
  /** -1 = unlimited. */
  pidsLimit?: number
}

export function checkResources(limits: ResourceLimits, context?: RunContext): FieldIssue[] {
  const issues: FieldIssue[] = []
  const add = (field: string, message: string): void => {
    issues.push({ field: `resources.${field}`, message })
  }
  const { nanoCpus, cpuQuota, cpuPeriod, memory, memorySwap, pidsLimit } = limits
  if (nanoCpus !== undefined && nanoCpus !== 0) {
    const cpus = nanoCpus / 1e9
    if (!Number.isInteger(nanoCpus) || cpus < MIN_CPUS) add('nanoCpus', `CPUs must be at least ${MIN_CPUS}.`)
    else if (context?.hostCpus && cpus > context.hostCpus) {
      add('nanoCpus', `This engine has ${context.hostCpus} CPUs; choose at most ${context.hostCpus}.`)
    }
    if (cpuQuota) add('nanoCpus', 'Set CPUs or a CPU quota, not both (the engine refuses the pair).')
  }
  if (cpuQuota !== undefined && cpuQuota !== 0 && cpuQuota !== -1 && (!Number.isInteger(cpuQuota) || cpuQuota < 1000)) {
    add('cpuQuota', 'A CPU quota is at least 1000 µs.')
  }
  if (cpuPeriod !== undefined && cpuPeriod !== 0 && (!Number.isInteger(cpuPeriod) || cpuPeriod < 1000 || cpuPeriod > 1_000_000)) {
    add('cpuPeriod', 'A CPU period is from 1000 to 1000000 µs.')
  }
  if (memory !== undefined && memory !== 0) {
    if (!Number.isInteger(memory) || memory < MIN_MEMORY_BYTES) add('memory', 'The engine needs at least 6 MiB of memory.')
    else if (context?.hostMemoryBytes && memory > context.hostMemoryBytes) {
      add('memory', `This engine has ${formatBytesShort(context.hostMemoryBytes)} of memory; choose at most that.`)
    }
  }
  if (memorySwap !== undefined && memorySwap !== 0 && memorySwap !== -1) {
    if (!Number.isInteger(memorySwap) || memorySwap < 0) add('memorySwap', 'Memory + swap is a size, or unlimited.')
    else if (memory === undefined || memory === 0) add('memorySwap', 'Set a memory limit before memory + swap.')
    else if (memorySwap < memory) {
      add('memorySwap', `Memory + swap must be at least the memory limit (${formatBytesShort(memory)}), or unlimited.`)
    }
  }
  if (pidsLimit !== undefined && pidsLimit !== 0 && pidsLimit !== -1) {
    if (!Number.isInteger(pidsLimit) || pidsLimit < 1 || pidsLimit > MAX_PIDS) {
      add('pidsLimit', `The process limit is a whole number from 1 to ${MAX_PIDS}, or unlimited.`)
    }
  }
  return issues
}

/** The parts of a RunSpec the rules look at (shared/run-models.ts's RunSpec satisfies it). */
export interface RunSpecFields {
  image: string
  name?: string
  workingDir?: string
  user?: string
  ports: ReadonlyArray<{ hostIp?: string; hostPort?: number; containerPort: number; protocol: string }>
  mounts: ReadonlyArray<{ type: 'volume' | 'bind'; source: string; target: string }>
  env: ReadonlyArray<{ key: string }>
  labels: ReadonlyArray<{ key: string }>
  restartPolicy: { name: string; maximumRetryCount?: number }
  network?: string
  resources: ResourceLimits
}

/** Every problem in a run spec, field by field; empty means the engine may be called. */
export function validateRunSpec(spec: RunSpecFields, context?: RunContext): FieldIssue[] {
  const issues: FieldIssue[] = []
  const add = (field: string, message: string | null): void => {
    if (message) issues.push({ field, message })
  }
  add('image', checkImage(spec.image))
  add('name', checkName(spec.name ?? '', context))
  add('workingDir', checkWorkingDir(spec.workingDir ?? ''))
  add('user', checkUser(spec.user ?? ''))
  add('network', checkNetwork(spec.network, context))
  add('restartPolicy.maximumRetryCount', checkRestartRetries(spec.restartPolicy.name, spec.restartPolicy.maximumRetryCount))

  spec.ports.forEach((port, i) => {
    add(`ports.${i}.hostIp`, checkHostIp(port.hostIp))
    add(`ports.${i}.containerPort`, checkPort(port.containerPort, true))
    const hostPortProblem = checkPort(port.hostPort, false)
    add(`ports.${i}.hostPort`, hostPortProblem)
    if (hostPortProblem || port.hostPort === undefined) return
    const earlier = spec.ports.slice(0, i).findIndex((other) => other.hostPort === port.hostPort && bindingsOverlap(other, port))
    if (earlier >= 0) {
      add(`ports.${i}.hostPort`, `Host port ${port.hostPort}/${port.protocol} is already used by row ${earlier + 1}.`)
      return
    }
    const taken = context?.publishedPorts?.find((p) => p.hostPort === port.hostPort && bindingsOverlap(p, port))
    if (taken) add(`ports.${i}.hostPort`, `Host port ${port.hostPort}/${port.protocol} is already published by ${taken.containerName}.`)
  })

  spec.mounts.forEach((mount, i) => {
    add(`mounts.${i}.source`, checkMountSource(mount.type, mount.source))
    const targetProblem = checkMountTarget(mount.target)
    add(`mounts.${i}.target`, targetProblem)
    if (!targetProblem && spec.mounts.slice(0, i).some((other) => other.target === mount.target)) {
      add(`mounts.${i}.target`, `${mount.target} is already mounted by an earlier row.`)
    }
  })

  const checkKeys = (rows: ReadonlyArray<{ key: string }>, section: 'env' | 'labels', check: (key: string) => string | null): void => {
    rows.forEach((row, i) => {
      const problem = check(row.key)
      add(`${section}.${i}.key`, problem)
      if (!problem && rows.slice(0, i).some((other) => other.key === row.key)) add(`${section}.${i}.key`, `${row.key} is set twice.`)
    })
  }
  checkKeys(spec.env, 'env', checkEnvKey)
  checkKeys(spec.labels, 'labels', checkLabelKey)

  issues.push(...checkResources(spec.resources, context))
  return issues
}
