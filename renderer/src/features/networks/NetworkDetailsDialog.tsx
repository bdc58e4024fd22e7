/**
 * A network's details (networks.inspect): driver, scope, address pools, flags, options, labels,
 * and every container on it with its addresses and aliases, each with a Disconnect. Re-read when
 * the network's row changes (connect/disconnect events) so what is shown stays the engine's.
 */
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import type { NetworkDetails, NetworkEndpoint } from '../../../../shared/networks-models'
import type { ContainerRef } from '../../../../shared/volumes-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { DetailsList, KeyValues } from '../volumes/DetailsList'
import { useEngineProductName } from '../engines/useCapability'
import type { NetworkDialog } from './networkDialogs'
import { NetworkFlags, poolText } from './NetworkRowView'

function EndpointsTable({ network, onDisconnect, busy }: { network: NetworkDetails; onDisconnect: (endpoint: NetworkEndpoint) => void; busy: string | null }): ReactElement {
  const { views } = useStores()
  if (network.endpoints.length === 0) return <p className="muted">No container is connected.</p>
  return (
    <div className="vn-table-wrap">
      <table className="prune-table" aria-label={`Containers on ${network.name}`}>
        <thead>
          <tr>
            <th scope="col">Container</th>
            <th scope="col">State</th>
            <th scope="col">IPv4</th>
            {network.ipv6 ? <th scope="col">IPv6</th> : null}
            <th scope="col">Aliases</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {network.endpoints.map((endpoint) => (
            <tr key={endpoint.id}>
              <td title={endpoint.name}>
                <button type="button" className="link-btn container-link" aria-label={`Open container ${endpoint.name}`} onClick={() => views.getState().openContainer(endpoint.id)}>
                  <span className={`state-dot state-${endpoint.state}`} aria-hidden="true" />
                  {endpoint.name}
                </button>
              </td>
              <td>{endpoint.state}</td>
              <td className="mono">{endpoint.ipv4 ?? <span className="muted">—</span>}</td>
              {network.ipv6 ? <td className="mono">{endpoint.ipv6 ?? <span className="muted">—</span>}</td> : null}
              <td className="mono" title={endpoint.aliases.join(', ')}>
                {endpoint.aliases.length ? endpoint.aliases.join(', ') : <span className="muted">—</span>}
              </td>
              <td>
                <button type="button" className="btn btn-small btn-ghost" aria-label={`Disconnect ${endpoint.name}`} disabled={busy !== null} onClick={() => onDisconnect(endpoint)}>
                  {busy === endpoint.id ? <Spinner /> : null}
                  Disconnect
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export interface NetworkDetailsDialogProps {
  id: string
  /** Who is on the network, as the page last read it: a change re-reads the details. */
  containers: readonly ContainerRef[]
  onDialog: (dialog: NetworkDialog) => void
  onClose: () => void
}

export function NetworkDetailsDialog({ id, containers, onDialog, onClose }: NetworkDetailsDialogProps): ReactElement {
  const { client } = useStores()
  const product = useEngineProductName()
  const rowVersion = containers.map((c) => `${c.id}:${c.state}`).join(',')
  const [details, setDetails] = useState<NetworkDetails | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      setDetails(await client.call('networks.inspect', { id }))
      setFailure(null)
    } catch (err) {
      setFailure(describeError(err))
    }
  }, [client, id])

  useEffect(() => {
    void load()
  }, [load, rowVersion])
  async function disconnect(endpoint: NetworkEndpoint): Promise<void> {
    setBusy(endpoint.id)
    try {
      await client.call('networks.disconnect', { network: id, container: endpoint.id })
      await load()
    } catch (err) {
      setFailure(`Couldn't disconnect ${endpoint.name}: ${describeError(err)}`)
    } finally {
      setBusy(null)
    }
  }

  const name = details?.name ?? id.slice(0, 12)
  const fixed = details?.name === 'host' || details?.name === 'none'
  const actions = (
    <>
      <button
        type="button"
        className="btn btn-danger-ghost"
        disabled={!details || details.predefined}
        title={details?.predefined ? `${product}'s own network: it can't be removed` : undefined}
        onClick={() => onDialog({ kind: 'remove', id })}
      >
        Remove…
      </button>
      <span className="toolbar-spacer" />
      <button type="button" className="btn" disabled={!details || fixed} onClick={() => onDialog({ kind: 'connect', id, back: true })}>
        Connect a container…
      </button>
      <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
        Close
      </button>
    </>
  )
  return (
    <Dialog title={`Network ${name}`} onCancel={onClose} actions={actions}>
      <div className="vn-details">
        {failure ? (
          <p role="alert" className="snap-problem">
            {failure}
          </p>
        ) : null}
        {!details ? (
          failure ? null : (
            <p role="status">
              <Spinner /> Reading the network…
            </p>
          )
        ) : (
          <>
            <DetailsList
              label={`Details of ${details.name}`}
              items={[
                { term: 'ID', value: <span className="mono break">{details.id}</span> },
                { term: 'Driver', value: `${details.driver} (${details.scope} scope)` },
                { term: 'Addresses', value: details.ipam.length ? details.ipam.map((pool) => <div key={pool.subnet} className="mono">{poolText(pool)}{pool.ipRange ? ` · range ${pool.ipRange}` : ''}</div>) : <span className="muted">none</span> },
                { term: 'Flags', value: details.predefined || details.internal || details.attachable || details.ipv6 ? <NetworkFlags network={details} /> : <span className="muted">none</span> },
                { term: 'Created', value: details.created ? new Date(details.created).toLocaleString() : '—' },
                { term: 'Options', value: <KeyValues pairs={details.options} /> },
                { term: 'Labels', value: <KeyValues pairs={details.labels} /> }
              ]}
            />
            {details.predefined ? (
              <p className="hint">
                {details.name} is one of {product}&apos;s own networks: it can&apos;t be removed.
              </p>
            ) : null}
            <h3 className="vn-section-title">Containers</h3>
            <EndpointsTable network={details} busy={busy} onDisconnect={(endpoint) => void disconnect(endpoint)} />
          </>
        )}
      </div>
    </Dialog>
  )
}
