/** The create-volume form's checks, field by field, with the rules the RPC boundary uses too. */
import { parseKeyValueLines, volumeNameProblem } from '../../../../shared/volumes-models'

export interface VolumeFormFields {
  name: string
  driverOptions: string
  labels: string
}

export type VolumeFormProblems = Partial<Record<keyof VolumeFormFields, string>>

export function keyValueProblem(text: string, what: string): string | undefined {
  const parsed = parseKeyValueLines(text, what)
  return 'problem' in parsed ? parsed.problem : undefined
}

export function keyValuePairs(text: string): Record<string, string> {
  const parsed = parseKeyValueLines(text, 'entries')
  return 'pairs' in parsed ? parsed.pairs : {}
}

export function volumeFormProblems(fields: VolumeFormFields): VolumeFormProblems {
  const problems: VolumeFormProblems = {}
  const name = volumeNameProblem(fields.name.trim())
  if (name) problems.name = name
  const options = keyValueProblem(fields.driverOptions, 'driver options')
  if (options) problems.driverOptions = options
  const labels = keyValueProblem(fields.labels, 'labels')
  if (labels) problems.labels = labels
  return problems
}
