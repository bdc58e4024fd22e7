/** The image's summary card (ids, tags, platform, sizes) and its configuration cards. */
import type { ReactElement, ReactNode } from 'react'
import type { ImageDetails } from '../../../../shared/image-details-models'
import { formatBytes, formatFullDate, formatRelative, plural, shortId } from '../../lib/format'

export function KeyValueCard({ title, rows, empty }: { title: string; rows: Array<[string, string]>; empty: string }): ReactElement {
  return (
    <section className="overview-card" aria-label={title}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="kv-table">
          <caption className="visually-hidden">{title}</caption>
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

/** Shell-like quoting for showing argv as one line people can read (and paste). */
export function argvText(argv: readonly string[] | null): string {
  if (!argv || argv.length === 0) return ''
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ')
}

function Fact({ term, children }: { term: string; children: ReactNode }): ReactElement {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  )
}

export function SummaryCard({ details, nowMs, onOpenImage }: { details: ImageDetails; nowMs: number; onOpenImage: (id: string) => void }): ReactElement {
  const platform = [details.os, details.architecture, details.variant].filter(Boolean).join('/')
  return (
    <section className="overview-card" aria-label="Summary">
      <h2>Summary</h2>
      <dl className="facts">
        <Fact term="ID"><span className="mono">{details.id}</span></Fact>
        <Fact term="Tags">
          {details.repoTags.length === 0 ? <span className="muted">none (dangling)</span> : details.repoTags.map((tag) => <span key={tag} className="tag-chip image-tag">{tag}</span>)}
        </Fact>
        <Fact term="Digests">
          {details.repoDigests.length === 0 ? <span className="muted">none (never pushed or pulled by digest)</span> : details.repoDigests.map((digest) => <div key={digest} className="mono">{digest}</div>)}
        </Fact>
        <Fact term="Created">
          <span title={formatFullDate(details.created)}>{formatRelative(details.created, nowMs)}</span>
        </Fact>
        <Fact term="Size">{formatBytes(details.size)} in {plural(details.layerCount, 'layer')} from {plural(details.history.length, 'step')}</Fact>
        <Fact term="Platform">{platform || 'unknown'}</Fact>
        {details.author ? <Fact term="Author">{details.author}</Fact> : null}
        {details.comment ? <Fact term="Comment">{details.comment}</Fact> : null}
        {details.parentId ? (
          <Fact term="Built on">
            <button type="button" className="link-btn mono" onClick={() => onOpenImage(details.parentId as string)}>
              {shortId(details.parentId)}
            </button>
            <span className="muted"> (the local image of the step before)</span>
          </Fact>
        ) : null}
        {details.dockerVersion ? <Fact term="Built with">Docker {details.dockerVersion}</Fact> : null}
      </dl>
    </section>
  )
}

export function ConfigCard({ details }: { details: ImageDetails }): ReactElement {
  const { config } = details
  const command = argvText([...(config.entrypoint ?? []), ...(config.cmd ?? [])])
  return (
    <section className="overview-card" aria-label="Configuration">
      <h2>Configuration</h2>
      <dl className="facts">
        <Fact term="Runs"><span className="mono">{command || '—'}</span></Fact>
        <Fact term="Entrypoint"><span className="mono">{config.entrypoint ? JSON.stringify(config.entrypoint) : '—'}</span></Fact>
        <Fact term="Cmd"><span className="mono">{config.cmd ? JSON.stringify(config.cmd) : '—'}</span></Fact>
        <Fact term="Working dir"><span className="mono">{config.workingDir || '/'}</span></Fact>
        <Fact term="User"><span className="mono">{config.user || 'root (default)'}</span></Fact>
        <Fact term="Exposed ports">
          {config.exposedPorts.length === 0 ? '—' : config.exposedPorts.map((port) => <span key={port} className="tag-chip image-tag">{port}</span>)}
        </Fact>
        <Fact term="Volumes">
          {config.volumes.length === 0 ? '—' : config.volumes.map((path) => <span key={path} className="tag-chip image-tag">{path}</span>)}
        </Fact>
        {config.stopSignal ? <Fact term="Stop signal">{config.stopSignal}</Fact> : null}
        {config.healthcheck ? <Fact term="Health check"><span className="mono">{argvText(config.healthcheck)}</span></Fact> : null}
        {config.onBuild.length > 0 ? <Fact term="On build"><span className="mono">{config.onBuild.join('; ')}</span></Fact> : null}
      </dl>
    </section>
  )
}

export function envRows(env: readonly string[]): Array<[string, string]> {
  return env.map((entry) => {
    const equals = entry.indexOf('=')
    return equals < 0 ? [entry, ''] : [entry.slice(0, equals), entry.slice(equals + 1)]
  })
}
