/**
 * The containers that use a volume or a network, each a button that opens its details. Berth's
 * own short-lived volume helpers are shown as such (they go away by themselves).
 */
import type { ReactElement } from 'react'
import type { ContainerRef } from '../../../../shared/volumes-models'
import { useStores } from '../../stores/context'

const HELPER_PREFIX = 'berth-volume-helper-'

export function ContainerLinks({ containers, max = 3, empty = 'unused' }: { containers: readonly ContainerRef[]; max?: number; empty?: string }): ReactElement {
  const { views } = useStores()
  if (containers.length === 0) return <span className="muted">{empty}</span>
  const shown = containers.slice(0, max)
  const rest = containers.length - shown.length
  return (
    <span className="container-links">
      {shown.map((ref) =>
        ref.name.startsWith(HELPER_PREFIX) ? (
          <span key={ref.id} className="muted" title="A short-lived helper Berth uses to read this volume">
            Berth helper
          </span>
        ) : (
          <button
            key={ref.id}
            type="button"
            className="link-btn container-link"
            aria-label={`Open container ${ref.name} (${ref.state})`}
            title={`${ref.name} — ${ref.state}`}
            onClick={() => views.getState().openContainer(ref.id)}
          >
            <span className={`state-dot state-${ref.state}`} aria-hidden="true" />
            {ref.name}
          </button>
        )
      )}
      {rest > 0 ? (
        <span className="count-pill" title={containers.slice(max).map((c) => c.name).join('\n')}>
          +{rest}
        </span>
      ) : null}
    </span>
  )
}

/** "web (running) and db (exited)" for sentences. */
export function describeRefs(refs: readonly ContainerRef[]): string {
  const named = refs.map((ref) => `${ref.name} (${ref.state})`)
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
}

export function anyRunning(refs: readonly ContainerRef[]): boolean {
  return refs.some((ref) => ref.state === 'running' || ref.state === 'paused' || ref.state === 'restarting')
}
