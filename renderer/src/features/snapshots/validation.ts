/** Problems of the commit / import forms, field by field, checked before any call. */
import { changeProblem, repositoryProblem, splitChanges, tagProblem } from '../../../../shared/snapshots-models'

export interface ImageFormValues {
  repo: string
  tag: string
  changes: string
}

export type ImageFormProblems = Partial<Record<keyof ImageFormValues, string>>

export function imageFormProblems(values: ImageFormValues, repoRequired: boolean): ImageFormProblems {
  const problems: ImageFormProblems = {}
  const repo = values.repo.trim()
  if (repo || repoRequired) {
    const problem = repositoryProblem(repo)
    if (problem) problems.repo = problem
  }
  const tagIssue = tagProblem(values.tag.trim())
  if (tagIssue) problems.tag = tagIssue
  else if (values.tag.trim() && !repo) problems.tag = 'a tag needs a repository'
  const changeIssues = splitChanges(values.changes)
    .map(changeProblem)
    .filter((p): p is string => p !== null)
  if (changeIssues.length > 0) problems.changes = changeIssues.join('; ')
  return problems
}
