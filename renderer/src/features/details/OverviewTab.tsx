/** Overview: what the container is and how it runs, with its restart policy and live limits editable. */
import type { ReactElement } from 'react'
import type { PortMapping } from '../../../../shared/models'
import type { ContainerDetails } from '../../../../shared/run-models'
import { dedupePorts } from '../containers/Ports'
import { publishedPortLink } from '../../lib/portLinks'
import { useSlice, useStores } from '../../stores/context'
import { selectPortLinkHost } from '../../stores/engines'
import { useHostLimits } from '../run/useRunContext'
import { LiveLimits } from './LiveLimits'
import { RestartPolicyEditor } from './RestartPolicyEditor'
import type { DetailsTabProps } from './tabProps'

export interface OverviewTabProps extends DetailsTabProps {
  details: ContainerDetails | null
  reload: () => Promise<unknown>
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}

function PortLinkView({ port, engineHost }: { port: PortMapping; engineHost: string | undefined }): ReactElement | null {
  const link = publishedPortLink(port, engineHost)
  if (!link) return null
  if (!link.url) return <span className="mono" title={link.why}>{link.label}</span>
  return (
    <a href={link.url} target="_blank" rel="noopener noreferrer">
      {link.label}
    </a>
  )
}

function KeyValueTable({ caption, rows, empty }: { caption: string; rows: Array<[string, string]>; empty: string }): ReactElement {
  return (
    <section className="overview-card">
      <h2>{caption}</h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="kv-table">
          <caption className="visually-hidden">{caption}</caption>
          <tbody>
            {rows.map(([key, value], index) => (
              <tr key={`${key}-${index}`}>
                <th scope="row" className="mono">{key}</th>
                <td className="mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export function OverviewTab({ containerId, details, reload }: OverviewTabProps): ReactElement {
  const { views, engines } = useStores()
  const engineHost = useSlice(engines, selectPortLinkHost)
  const host = useHostLimits()
  if (!details) return <p className="empty">Reading the container…</p>
  const command = [...details.entrypoint, ...details.command].map(quoteArg).join(' ')
  const ports = dedupePorts(details.ports)
  return (
    <div className="overview">
      <section className="overview-card overview-summary">
        <h2>Summary</h2>
        <dl className="facts">
          <dt>State</dt>
          <dd>
            {details.state.status}
            {details.state.running ? ` since ${new Date(details.state.startedAt).toLocaleString()}` : ` (exit code ${details.state.exitCode})`}
            {details.state.oomKilled ? ' — killed for using too much memory' : ''}
          </dd>
          <dt>Image</dt>
          <dd className="mono">{details.image}</dd>
          <dt>Command</dt>
          <dd className="mono">{command || '—'}</dd>
          <dt>Working dir</dt>
          <dd className="mono">{details.workingDir || '/'}</dd>
          <dt>User</dt>
          <dd className="mono">{details.user || 'image default'}</dd>
          <dt>Terminal</dt>
          <dd>{details.tty && details.openStdin ? 'interactive with a TTY (-it): the Terminal tab can attach' : details.tty ? 'TTY' : 'no TTY'}</dd>
          <dt>Networks</dt>
          <dd>{details.networks.map((n) => `${n.name}${n.ipAddress ? ` (${n.ipAddress})` : ''}`).join(', ') || 'none'}</dd>
          <dt>Ports</dt>
          <dd>
            {ports.length === 0 ? (
              'none'
            ) : (
              <ul className="port-links">
                {ports.map((p) => (
                  <li key={`${p.hostIp ?? ''}:${p.publicPort ?? ''}:${p.privatePort}/${p.protocol}`}>
                    <PortLinkView port={p} engineHost={engineHost} />
                    <span className="muted"> → {p.privatePort}/{p.protocol}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        <RestartPolicyEditor containerId={containerId} policy={details.restartPolicy} reload={reload} />
      </section>
      <section className="overview-card overview-limits">
        <h2>Resource limits</h2>
        {host ? (
          <LiveLimits containerId={containerId} limits={details.limits} host={host} reload={reload} onShowStats={() => views.getState().setDetailsTab('stats')} />
        ) : (
          <p className="muted">Reading this engine’s cores and memory…</p>
        )}
      </section>
      <section className="overview-card">
        <h2>Mounts</h2>
        {details.mounts.length === 0 ? (
          <p className="muted">No volumes or bind mounts.</p>
        ) : (
          <table className="kv-table">
            <caption className="visually-hidden">Mounts</caption>
            <tbody>
              {details.mounts.map((m) => (
                <tr key={m.destination}>
                  <th scope="row" className="mono">{m.destination}</th>
                  <td className="mono">
                    {m.type === 'volume' ? `volume ${m.name ?? m.source}` : `${m.type} ${m.source}`}
                    {m.readOnly ? ' (read-only)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <KeyValueTable caption="Environment" rows={details.env.map((e) => [e.key, e.value])} empty="No environment variables." />
      <KeyValueTable caption="Labels" rows={Object.entries(details.labels).sort(([a], [b]) => a.localeCompare(b))} empty="No labels." />
    </div>
  )
}
