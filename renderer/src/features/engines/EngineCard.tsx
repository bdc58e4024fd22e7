/**
 * One engine: a status dot kept honest by the core's health checks, where it is, what it is
 * (from /info and /version, kept from its last connect while it is unavailable), what it needs
 * from the person, and the actions its kind contributes (engineActions.ts).
 */
import type { ReactElement } from 'react'
import { engineLabel } from '../../../../shared/engine-identity'
import type { EngineCapabilities, EngineFacts, EngineIdentity } from '../../../../shared/engines-models'
import type { ConnectionState, EngineKind, EngineSummary } from '../../../../shared/models'
import { Spinner } from '../../components/Spinner'
import { formatBytes } from '../../lib/format'
import type { EngineAction } from './engineActions'
import { whyNotRemovable } from './engineActions'
import { STATE_LABEL } from './stateLabels'

const KIND_LABEL: Record<EngineKind, string> = { unix: 'Unix socket', npipe: 'Named pipe', tcp: 'TCP', ssh: 'SSH' }

const STATE_TONE: Record<ConnectionState, string> = { connected: 'ok', connecting: 'warn', unavailable: 'bad' }

const SOURCE_LABEL: Record<EngineSummary['source'], string> = {
  env: 'DOCKER_HOST',
  context: 'docker context',
  'well-known': 'a socket on this machine',
  settings: 'added by you',
  vm: 'the Berth VM'
}

function checkedText(checkedAt: number | undefined, now: number): string {
  if (!checkedAt) return ''
  const seconds = Math.max(0, Math.round((now - checkedAt) / 1000))
  return seconds < 5 ? 'checked just now' : seconds < 120 ? `checked ${seconds} s ago` : `checked ${Math.round(seconds / 60)} min ago`
}

/** "API 1.41", and Podman's own API beside the Docker-compatible one Berth speaks. */
function apiText(apiVersion: string, identity: EngineIdentity | undefined): string {
  return identity?.nativeApiVersion ? `Docker API ${apiVersion}, ${identity.productName} API ${identity.nativeApiVersion}` : `API ${apiVersion}`
}

function FactsList({ facts, identity }: { facts: EngineFacts; identity: EngineIdentity | undefined }): ReactElement {
  const os = facts.operatingSystem ? `${facts.os}/${facts.arch} · ${facts.operatingSystem}` : `${facts.os}/${facts.arch}`
  const cgroup = [facts.cgroupDriver, facts.cgroupVersion ? `v${facts.cgroupVersion}` : ''].filter(Boolean).join(', ') || '—'
  return (
    <>
      <dt>Engine</dt>
      <dd>
        {identity ? engineLabel(identity) : facts.version} <span className="muted">({apiText(facts.apiVersion, identity)})</span>
      </dd>
      <dt>OS / arch</dt>
      <dd>{os}</dd>
      <dt>Resources</dt>
      <dd>
        {facts.cpus} CPUs · {formatBytes(facts.memoryBytes)}
      </dd>
      <dt>Storage</dt>
      <dd>{facts.storageDriver || '—'}</dd>
      <dt>Cgroups</dt>
      <dd>{cgroup}</dd>
      <dt>Rootless</dt>
      <dd>{facts.rootless ? 'yes' : 'no'}</dd>
    </>
  )
}

/** What this engine can't do, each with its reason (the controls that need it say the same). */
function MissingCapabilities({ capabilities }: { capabilities: EngineCapabilities | undefined }): ReactElement | null {
  const reasons = Object.values(capabilities ?? {}).flatMap((capability) => (capability.available ? [] : [capability.reason]))
  if (reasons.length === 0) return null
  return (
    <ul className="engine-cannot" aria-label="What this engine can't do">
      {reasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  )
}

function AttentionLine({ engine }: { engine: EngineSummary }): ReactElement | null {
  const attention = engine.attention
  if (!attention) return null
  const text =
    attention.kind === 'host-key'
      ? `Waiting for you: its host key ${attention.hostKey.fingerprint} is not known yet.`
      : attention.kind === 'passphrase'
        ? `Waiting for you: the key ${attention.keyFile} needs its passphrase${attention.wrong ? ' (the last one was wrong)' : ''}.`
        : `Refused: the host key ${attention.refusal.reason === 'revoked' ? 'is revoked' : 'CHANGED'} (${attention.refusal.file} line ${attention.refusal.line}).`
  return <p className={attention.kind === 'host-key-refused' ? 'engine-attention is-bad' : 'engine-attention'}>{text}</p>
}

export function EngineCard({ engine, actions, now, busyAction }: { engine: EngineSummary; actions: EngineAction[]; now: number; busyAction?: string }): ReactElement {
  const tone = engine.attention?.kind === 'host-key-refused' ? 'bad' : engine.attention ? 'warn' : STATE_TONE[engine.state]
  const stateText = engine.attention && engine.attention.kind !== 'host-key-refused' ? 'Needs you' : STATE_LABEL[engine.state]
  const removable = whyNotRemovable(engine)
  return (
    <li className={engine.active ? 'engine-card is-active' : 'engine-card'} aria-label={engine.name}>
      <div className="engine-head">
        <span className={`engine-dot dot-${tone}`} aria-hidden="true" />
        <span className="engine-name">{engine.name}</span>
        {engine.active ? <span className="tag-chip tag-accent">Active</span> : null}
        {engine.identity ? <span className="tag-chip">{engine.identity.productName}</span> : null}
        <span className="tag-chip">{KIND_LABEL[engine.kind]}</span>
      </div>
      <div className="engine-where mono" title={engine.endpoint}>
        {engine.endpoint}
      </div>
      <div className="engine-status">
        <span className={`badge badge-${tone}`}>{stateText}</span>
        <span className="muted">{checkedText(engine.checkedAt, now)}</span>
      </div>
      <dl className="engine-facts">
        {engine.facts ? <FactsList facts={engine.facts} identity={engine.identity} /> : null}
        <dt>Found via</dt>
        <dd>
          {SOURCE_LABEL[engine.source]}
          {removable ? <span className="engine-why">{removable}</span> : null}
        </dd>
      </dl>
      {!engine.facts && engine.state !== 'connected' ? <p className="muted">Details appear once Berth has connected to it.</p> : null}
      <MissingCapabilities capabilities={engine.capabilities} />
      <AttentionLine engine={engine} />
      {engine.error && !engine.attention ? <p className="engine-error">{engine.error}</p> : null}
      <div className="engine-actions">
        {actions.map((action) => (
          <button
            key={action.id}
            type="button"
            className={action.tone === 'primary' ? 'btn btn-small btn-primary' : action.tone === 'danger' ? 'btn btn-small btn-danger-ghost' : 'btn btn-small'}
            aria-label={action.ariaLabel}
            title={action.title}
            disabled={action.disabled}
            onClick={action.onSelect}
          >
            {busyAction === action.id ? <Spinner /> : null}
            {action.label}
          </button>
        ))}
      </div>
    </li>
  )
}
