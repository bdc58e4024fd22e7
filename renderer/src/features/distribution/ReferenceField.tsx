/**
 * An image reference field: the grammar's sentence for the mistake beside it (once typing pauses,
 * or at once after a refused submit) and, while it is right, what it means: which repository,
 * tag and registry the engine will use (Docker Hub and "latest" are easy to miss).
 */
import { useEffect, useState, type ReactElement } from 'react'
import { parseReference, type ImageReference } from '../../../../shared/reference'
import { Field } from '../run/Field'

const PAUSE_MS = 600

/** The grammar's sentences start lowercase (they also end up inside longer messages); a field shows them as sentences. */
export function asSentence(problem: string): string {
  return problem.charAt(0).toUpperCase() + problem.slice(1)
}

export function registryWords(registry: string): string {
  return registry === 'docker.io' ? 'Docker Hub (docker.io)' : registry
}

/** "library/alpine:latest on Docker Hub (docker.io)". */
export function describeReference(reference: ImageReference): string {
  const tag = reference.tag !== null ? `:${reference.tag}` : ''
  const digest = reference.digest !== null ? `@${reference.digest.slice(0, 19)}…` : ''
  return `${reference.repository}${tag}${digest} on ${registryWords(reference.registry)}`
}

/**
 * The problem to show now: once typing pauses after a change, or at once after a refused submit.
 * A value the dialog started with is not judged until it is touched (or submitted).
 */
export function useShownProblem(value: string, problem: string | null, submitted: boolean): string | null {
  const [initial] = useState(value)
  const [settled, setSettled] = useState<string | null>(null)
  useEffect(() => {
    if (value === initial && settled === null) return
    const timer = setTimeout(() => setSettled(value), PAUSE_MS)
    return () => clearTimeout(timer)
  }, [value, initial, settled])
  return problem && (submitted || settled === value) ? problem : null
}

export interface ReferenceFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  /** The problem to show now (already delayed / revealed by the caller), or null. */
  problem: string | null
  placeholder: string
  /** What the reference means is said for: "Pulls", "Names it". */
  meaningVerb: string
}

export function ReferenceField({ id, label, value, onChange, problem, placeholder, meaningVerb }: ReferenceFieldProps): ReactElement {
  const parsed = parseReference(value.trim())
  const hint = parsed.ok ? `${meaningVerb} ${describeReference(parsed.reference)}` : 'Docker Hub when no registry is named; "latest" when no tag is given.'
  return (
    <Field id={id} label={label} error={problem ? asSentence(problem) : null} hint={hint}>
      {(props) => (
        <input
          {...props}
          className="input mono"
          value={value}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </Field>
  )
}
