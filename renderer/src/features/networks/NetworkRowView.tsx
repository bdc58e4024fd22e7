/** One network in the Networks grid: name and flags (opens details), driver, scope, addresses, containers, age, actions. */
import type { ReactElement } from 'react'
import type { NetworkRow } from '../../../../shared/networks-models'
import type { ContainerRef } from '../../../../shared/volumes-models'
import { Icon } from '../../components/Icon'
import type { RowPlacement } from '../../components/VirtualGrid'
import { formatRelative } from '../../lib/format'
import { ContainerLinks } from '../volumes/ContainerLinks'
import { PlugGlyph } from '../volumes/Glyphs'
import { useEngineProductName } from '../engines/useCapability'
import type { NetworkDialog } from './networkDialogs'

export interface NetworkRowProps {
  network: NetworkRow
  /** undefined until the page has read who is on which network. */
  containers: readonly ContainerRef[] | undefined
  placement: RowPlacement
  nowMs: number
  onDialog: (dialog: NetworkDialog) => void
}

export function NetworkFlags({ network }: { network: Pick<NetworkRow, 'predefined' | 'internal' | 'attachable' | 'ipv6'> }): ReactElement | null {
  const flags = [network.predefined ? 'built-in' : null, network.internal ? 'internal' : null, network.attachable ? 'attachable' : null, network.ipv6 ? 'IPv6' : null].filter(
    (flag): flag is string => flag !== null
  )
  if (flags.length === 0) return null
  return (
    <span className="flag-chips">
      {flags.map((flag) => (
        <span key={flag} className={flag === 'built-in' ? 'tag-chip tag-accent' : 'tag-chip'}>
          {flag}
        </span>
      ))}
    </span>
  )
}

/** "10.20.0.0/24 · gw 10.20.0.1" per pool. */
export function poolText(pool: { subnet: string; gateway?: string }): string {
  return pool.gateway ? `${pool.subnet} · gw ${pool.gateway}` : pool.subnet
}

export function NetworkRowView({ network, containers, placement, nowMs, onDialog }: NetworkRowProps): ReactElement {
  const { id, name } = network
  const created = network.created ? Date.parse(network.created) / 1000 : null
  const addresses = network.ipam.map(poolText).join(', ')
  // Podman's default network is its own, not Docker's.
  const product = useEngineProductName()
  const removeLabel = network.predefined ? `Remove ${name} (${product}'s own network: it can't be removed)` : `Remove ${name}`
  return (
    <div role="row" aria-label={name} aria-rowindex={placement.rowIndex} className="grid-row" style={placement.style}>
      <div role="gridcell" className="cell cell-flex" title={`${name}\n${id}`}>
        <button type="button" className="link-btn name-line" aria-label={`Details of ${name}`} onClick={() => onDialog({ kind: 'details', id })}>
          {name}
        </button>
        <NetworkFlags network={network} />
      </div>
      <div role="gridcell" className="cell">
        {network.driver}
      </div>
      <div role="gridcell" className="cell">
        {network.scope}
      </div>
      <div role="gridcell" className="cell mono" title={addresses || undefined}>
        {addresses || <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="cell cell-flex">
        {containers ? <ContainerLinks containers={containers} max={2} empty="none" /> : <span className="muted">…</span>}
      </div>
      <div role="gridcell" className="cell">
        {created ? <span title={new Date(created * 1000).toLocaleString()}>{formatRelative(created, nowMs)}</span> : <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="cell cell-actions">
        <button
          type="button"
          className="icon-btn"
          aria-label={`Connect a container to ${name}`}
          title={name === 'none' || name === 'host' ? `Containers join ${name} only when they are created` : 'Connect a container'}
          disabled={name === 'none' || name === 'host'}
          onClick={() => onDialog({ kind: 'connect', id })}
        >
          <PlugGlyph />
        </button>
        <button type="button" className="icon-btn icon-btn-remove" aria-label={removeLabel} title={network.predefined ? `${product}'s own network: it can't be removed` : 'Remove'} disabled={network.predefined} onClick={() => onDialog({ kind: 'remove', id })}>
          <Icon name="trash" />
        </button>
      </div>
    </div>
  )
}
