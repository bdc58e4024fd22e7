/**
 * The run dialog's form as people type it (strings, rows with ids) → a RunSpec plus every problem,
 * keyed by the form's own field ids ("ports.<rowId>.hostPort"), so each message lands next to its
 * field. The rules themselves are run-validation's; this file only parses text: numbers, a
 * shell-like command line, .env lines. Pure (unit-tested without a DOM).
 */
import { checkPort, validateRunSpec, type FieldIssue, type RunContext } from './run-validation'
import type { RestartPolicyName, RunSpec } from './run-models'

export interface PortRow { id: number; hostIp: string; hostPort: string; containerPort: string; protocol: 'tcp' | 'udp' }
export interface MountRow { id: number; type: 'volume' | 'bind'; source: string; target: string; readOnly: boolean }
export interface KeyValueRow { id: number; key: string; value: string }

export interface RunForm {
  image: string
  name: string
  command: string
  entrypoint: string
  interactive: boolean
  tty: boolean
  workingDir: string
  user: string
  ports: PortRow[]
  mounts: MountRow[]
  env: KeyValueRow[]
  labels: KeyValueRow[]
  restartPolicy: RestartPolicyName
  maxRetries: string
  /** '' = the engine's default network. */
  network: string
  cpuLimited: boolean
  cpus: number
  memoryLimited: boolean
  memoryBytes: number
  /** 'default': the engine's choice (twice the memory); 'none': no swap (swap = memory); 'unlimited'; 'limited'. */
  swapMode: 'default' | 'none' | 'unlimited' | 'limited'
  swapBytes: number
  pidsLimited: boolean
  pids: string
}

let rowCounter = 0
export const nextRowId = (): number => ++rowCounter

export function emptyRunForm(image = ''): RunForm {
  return {
    image, name: '', command: '', entrypoint: '', interactive: false, tty: false, workingDir: '', user: '',
    ports: [], mounts: [], env: [], labels: [],
    restartPolicy: 'no', maxRetries: '', network: '',
    cpuLimited: false, cpus: 1, memoryLimited: false, memoryBytes: 256 * 1024 * 1024,
    swapMode: 'default', swapBytes: 512 * 1024 * 1024, pidsLimited: false, pids: '256'
  }
}

/** Splits like a POSIX shell does for words: spaces separate, quotes group, backslash escapes. */
export function splitCommandLine(text: string): { args: string[] } | { error: string } {
  const args: string[] = []
  let current = ''
  let inWord = false
  let quote: '"' | "'" | null = null
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quote === "'") {
      if (ch === "'") quote = null
      else current += ch
    } else if (quote === '"') {
      if (ch === '"') quote = null
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) current += text[++i]
      else current += ch
    } else if (ch === "'" || ch === '"') {
      quote = ch
      inWord = true
    } else if (ch === '\\') {
      if (i + 1 >= text.length) return { error: 'The command ends with a lone backslash.' }
      current += text[++i]
      inWord = true
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current)
      current = ''
      inWord = false
    } else {
      current += ch
      inWord = true
    }
  }
  if (quote) return { error: `A ${quote === '"' ? 'double' : 'single'} quote is not closed.` }
  if (inWord) args.push(current)
  return { args }
}

/** KEY=value lines: blank lines and # comments skipped, optional `export `, quoted values unquoted. */
export function parseDotEnv(text: string): { rows: Array<{ key: string; value: string }>; errors: string[] } {
  const rows: Array<{ key: string; value: string }> = []
  const errors: string[] = []
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim()
    if (line === '' || line.startsWith('#')) return
    const body = line.replace(/^export\s+/, '')
    const at = body.indexOf('=')
    if (at <= 0) {
      errors.push(`Line ${index + 1}: expected KEY=value.`)
      return
    }
    const key = body.slice(0, at).trim()
    let value = body.slice(at + 1).trim()
    const quoted = /^(["'])(.*)\1$/.exec(value)
    if (quoted) {
      value = quoted[2]
      if (quoted[1] === '"') value = value.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1')
    } else {
      value = value.replace(/\s+#.*$/, '') // a trailing comment after an unquoted value
    }
    rows.push({ key, value })
  })
  return { rows, errors }
}

function optionalInt(text: string): number | undefined {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

export interface FormCheck {
  spec: RunSpec
  /** Form field id → message. Empty: the spec may be sent. */
  issues: Map<string, string>
}

export function checkRunForm(form: RunForm, context: RunContext, extraLabels: Record<string, string> = {}): FormCheck {
  const ports = form.ports.filter((p) => p.hostIp || p.hostPort || p.containerPort)
  const mounts = form.mounts.filter((m) => m.source || m.target)
  const env = form.env.filter((row) => row.key || row.value)
  const labels = form.labels.filter((row) => row.key || row.value)
  const issues = new Map<string, string>()
  const note = (field: string, message: string): void => {
    if (!issues.has(field)) issues.set(field, message)
  }

  const argv = (text: string, field: string): string[] | undefined => {
    if (text.trim() === '') return undefined
    const split = splitCommandLine(text)
    if ('error' in split) {
      note(field, split.error)
      return undefined
    }
    return split.args
  }
  const retries = optionalInt(form.maxRetries)
  const pids = optionalInt(form.pids)
  if (form.pidsLimited && (pids === undefined || Number.isNaN(pids))) note('resources.pidsLimit', 'Enter a whole number of processes.')

  const spec: RunSpec = {
    image: form.image.trim(),
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    ...(argv(form.command, 'command') ? { command: argv(form.command, 'command') } : {}),
    ...(argv(form.entrypoint, 'entrypoint') ? { entrypoint: argv(form.entrypoint, 'entrypoint') } : {}),
    interactive: form.interactive,
    tty: form.tty,
    ...(form.workingDir.trim() ? { workingDir: form.workingDir.trim() } : {}),
    ...(form.user.trim() ? { user: form.user.trim() } : {}),
    ports: ports.map((p) => ({
      ...(p.hostIp.trim() ? { hostIp: p.hostIp.trim() } : {}),
      ...(optionalInt(p.hostPort) !== undefined ? { hostPort: optionalInt(p.hostPort) } : {}),
      containerPort: optionalInt(p.containerPort) ?? Number.NaN,
      protocol: p.protocol
    })),
    mounts: mounts.map((m) => ({ type: m.type, source: m.source.trim(), target: m.target.trim(), readOnly: m.readOnly })),
    env: env.map((row) => ({ key: row.key.trim(), value: row.value })),
    labels: [...labels.map((row) => ({ key: row.key.trim(), value: row.value })), ...Object.entries(extraLabels).map(([key, value]) => ({ key, value }))],
    restartPolicy: {
      name: form.restartPolicy,
      ...(form.restartPolicy === 'on-failure' && retries !== undefined ? { maximumRetryCount: retries } : {})
    },
    ...(form.network ? { network: form.network } : {}),
    resources: {
      ...(form.cpuLimited ? { nanoCpus: Math.round(form.cpus * 1e9) } : {}),
      ...(form.memoryLimited ? { memory: Math.round(form.memoryBytes) } : {}),
      ...(form.memoryLimited && form.swapMode === 'none' ? { memorySwap: Math.round(form.memoryBytes) } : {}),
      ...(form.memoryLimited && form.swapMode === 'unlimited' ? { memorySwap: -1 } : {}),
      ...(form.memoryLimited && form.swapMode === 'limited' ? { memorySwap: Math.round(form.swapBytes) } : {}),
      ...(form.pidsLimited && pids !== undefined && !Number.isNaN(pids) ? { pidsLimit: pids } : {})
    },
    start: true
  }
  if (form.restartPolicy === 'on-failure' && retries !== undefined && Number.isNaN(retries)) {
    note('restartPolicy.maximumRetryCount', 'Enter a whole number of retries.')
  }

  // An empty container port is "missing", not "not a number" (it travels as NaN only to be refused).
  for (const p of ports) if (p.containerPort.trim() === '') note(`ports.${p.id}.containerPort`, 'Enter the container port (1–65535).')

  // Spec rows are the non-empty form rows in order: translate "ports.<index>" to "ports.<rowId>".
  const rowIds: Record<string, number[]> = {
    ports: ports.map((p) => p.id),
    mounts: mounts.map((m) => m.id),
    env: env.map((row) => row.id),
    labels: labels.map((row) => row.id)
  }
  for (const issue of validateRunSpec(spec, context) as FieldIssue[]) {
    const [section, index, ...rest] = issue.field.split('.')
    const ids = rowIds[section]
    if (ids && /^\d+$/.test(index)) {
      if (Number(index) < ids.length) note([section, ids[Number(index)], ...rest].join('.'), issue.message)
    } else note(issue.field, issue.message)
  }
  // A host port that is not a number gets the port rule's sentence, not a NaN.
  ports.forEach((p) => {
    const problem = checkPort(optionalInt(p.hostPort), false)
    if (problem) note(`ports.${p.id}.hostPort`, problem)
  })
  return { spec, issues }
}
