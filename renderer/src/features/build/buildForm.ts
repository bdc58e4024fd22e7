/**
 * The build dialog's form: its fields as typed, the message for each field (the same rules the
 * contract's zod schemas apply, from shared/build-models), and the conversions to and from the
 * options a build takes — so a past build can fill the form again.
 */
import {
  buildArgNameProblem,
  contextPathProblem,
  dockerfilePathProblem,
  imageTagProblem,
  labelKeyProblem,
  MAX_TAGS,
  targetProblem,
  type Builder,
  type BuildOptionsInput
} from '../../../../shared/build-models'
import { nextRowId, type KeyValueRow } from '../../../../shared/run-form'

export interface BuildForm {
  contextPath: string
  dockerfile: string
  /** Tags as typed: separated by spaces or commas. */
  tags: string
  buildArgs: KeyValueRow[]
  target: string
  noCache: boolean
  pull: boolean
  labels: KeyValueRow[]
  builder: Builder
}

export const EMPTY_FORM: BuildForm = { contextPath: '', dockerfile: 'Dockerfile', tags: '', buildArgs: [], target: '', noCache: false, pull: false, labels: [], builder: 'classic' }

export function splitTags(text: string): string[] {
  return text.split(/[\s,]+/).filter((tag) => tag.length > 0)
}

function rowsProblems(rows: KeyValueRow[], section: string, check: (key: string) => string | null, noun: string): Record<string, string> {
  const problems: Record<string, string> = {}
  const seen = new Set<string>()
  for (const row of rows) {
    const key = row.key.trim()
    if (key === '' && row.value === '') continue // an empty row is ignored, not an error
    const problem = check(key) ?? (seen.has(key) ? `${key} is set twice: keep one ${noun}` : null)
    if (problem) problems[`${section}.${row.id}.key`] = problem
    seen.add(key)
  }
  return problems
}

/** Every field's message, keyed by field id; empty when the form can be sent. */
export function buildFormProblems(form: BuildForm): Record<string, string> {
  const problems: Record<string, string> = {}
  const context = contextPathProblem(form.contextPath.trim())
  if (context) problems.contextPath = context
  const dockerfile = dockerfilePathProblem(form.dockerfile.trim())
  if (dockerfile) problems.dockerfile = dockerfile
  const tags = splitTags(form.tags)
  if (tags.length > MAX_TAGS) problems.tags = `at most ${MAX_TAGS} tags`
  for (const tag of tags) {
    const problem = imageTagProblem(tag)
    if (problem) {
      problems.tags = `"${tag}": ${problem}`
      break
    }
  }
  const target = targetProblem(form.target.trim())
  if (target) problems.target = target
  Object.assign(problems, rowsProblems(form.buildArgs, 'buildArgs', buildArgNameProblem, 'build arg'))
  Object.assign(problems, rowsProblems(form.labels, 'labels', labelKeyProblem, 'label'))
  return problems
}

const pairs = (rows: KeyValueRow[]) => rows.filter((row) => row.key.trim() !== '').map((row) => ({ name: row.key.trim(), value: row.value }))

export function optionsFromForm(form: BuildForm): BuildOptionsInput {
  return {
    contextPath: form.contextPath.trim(),
    dockerfile: form.dockerfile.trim(),
    tags: splitTags(form.tags),
    buildArgs: pairs(form.buildArgs),
    target: form.target.trim() || undefined,
    noCache: form.noCache,
    pull: form.pull,
    labels: pairs(form.labels),
    builder: form.builder
  }
}

export function formFromOptions(options: BuildOptionsInput): BuildForm {
  const rows = (items: Array<{ name: string; value: string }> | undefined): KeyValueRow[] => (items ?? []).map((item) => ({ id: nextRowId(), key: item.name, value: item.value }))
  return {
    contextPath: options.contextPath,
    dockerfile: options.dockerfile ?? 'Dockerfile',
    tags: (options.tags ?? []).join(' '),
    buildArgs: rows(options.buildArgs),
    target: options.target ?? '',
    noCache: options.noCache ?? false,
    pull: options.pull ?? false,
    labels: rows(options.labels),
    builder: options.builder ?? 'classic'
  }
}

/** What a build is called in lists: its first tag, else the context folder's name. */
export function buildTitle(options: BuildOptionsInput): string {
  const tag = options.tags?.[0]
  if (tag) return options.tags && options.tags.length > 1 ? `${tag} +${options.tags.length - 1}` : tag
  const parts = options.contextPath.split(/[\\/]/).filter(Boolean)
  return parts[parts.length - 1] ?? options.contextPath
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  return `${minutes} min ${seconds} s`
}
