/**
 * Snapshots area DTOs and validation (commit, import, prune). Repository names and tags follow
 * docker's reference grammar (shared/reference.ts). The functions return a sentence for people
 * or null, so the dialogs and zod share one rule.
 */
import { z } from 'zod'
import { repositoryNameProblem, tagProblem as referenceTagProblem } from './reference'

/** Instructions `docker commit --change` and `docker import --change` accept. */
export const CHANGE_INSTRUCTIONS = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'] as const

export function repositoryProblem(repo: string): string | null {
  if (repo.length === 0) return 'a repository name is required'
  return repositoryNameProblem(repo)
}

/** An empty tag is fine here: the field is optional and means "latest". */
export function tagProblem(tag: string): string | null {
  return tag.length === 0 ? null : referenceTagProblem(tag)
}

/** One change line, e.g. `ENV A=b` or `CMD ["sh"]`. */
export function changeProblem(line: string): string | null {
  const match = /^([A-Za-z]+)\s+(\S.*)$/.exec(line.trim())
  const instruction = match?.[1].toUpperCase()
  if (!match || !CHANGE_INSTRUCTIONS.includes(instruction as (typeof CHANGE_INSTRUCTIONS)[number])) {
    return `"${line.trim().slice(0, 40)}" is not a change: start with one of ${CHANGE_INSTRUCTIONS.join(', ')}, then its value`
  }
  if (instruction === 'ENV' && !/^[^\s=]+(=|\s)/.test(match[2])) return `ENV needs NAME=value (got "${match[2].slice(0, 40)}")`
  if ((instruction === 'CMD' || instruction === 'ENTRYPOINT') && match[2].startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(match[2])
      if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error('not strings')
    } catch {
      return `${instruction} in JSON form must be an array of strings, e.g. ["sh", "-c", "echo hi"]`
    }
  }
  return null
}

/** Splits the dialog's text area into change lines, dropping blank lines. */
export function splitChanges(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0)
}

const problemCheck = (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

export const Repository = z.string().superRefine(problemCheck(repositoryProblem))
export const Tag = z.string().superRefine(problemCheck(tagProblem))
export const ChangeLine = z.string().max(4096, 'a change line is at most 4096 characters').superRefine(problemCheck(changeProblem))
export const Changes = z.array(ChangeLine).max(100, 'at most 100 changes')

export const CommitResult = z.object({ imageId: z.string(), reference: z.string() })
export type CommitResult = z.infer<typeof CommitResult>

export const ImportResult = z.object({ imageId: z.string(), reference: z.string().nullable() })
export type ImportResult = z.infer<typeof ImportResult>

export const PruneCandidate = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  status: z.string(),
  /** Bytes the container's writable layer holds (SizeRw): what removing it gives back. */
  sizeRw: z.number(),
  created: z.number()
})
export type PruneCandidate = z.infer<typeof PruneCandidate>

export const PrunePreview = z.object({ containers: z.array(PruneCandidate), totalBytes: z.number() })
export type PrunePreview = z.infer<typeof PrunePreview>

export const PruneResult = z.object({
  removed: z.array(z.object({ id: z.string(), name: z.string(), sizeRw: z.number() })),
  /** Listed containers that could not be removed (started again since the preview, already gone…). */
  skipped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
  reclaimedBytes: z.number()
})
export type PruneResult = z.infer<typeof PruneResult>

/** A label filter as `key` or `key=value`, the way docker's filters take it. */
export const LabelFilter = z
  .string()
  .min(1, 'a label filter is key or key=value')
  .max(512, 'a label filter is at most 512 characters')
  .regex(/^[^=\s]+(=.*)?$/, 'a label filter is key or key=value, with no spaces in the key')

/** Whether `labels` pass a label filter (`key`: present; `key=value`: that value); no filter passes all. */
export function labelMatches(labels: Record<string, string> | null | undefined, filter: string | undefined): boolean {
  if (!filter) return true
  const eq = filter.indexOf('=')
  const key = eq < 0 ? filter : filter.slice(0, eq)
  if (!labels || !(key in labels)) return false
  return eq < 0 || labels[key] === filter.slice(eq + 1)
}
