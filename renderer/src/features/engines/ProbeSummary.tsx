/** What a successful "Test connection" found: who and where, the socket, and the engine's facts. */
import type { ReactElement } from 'react'
import { engineLabel } from '../../../../shared/engine-identity'
import type { RemoteProbe } from '../../../../shared/engines-models'
import { formatBytes } from '../../lib/format'

export function ProbeSummary({ probe }: { probe: RemoteProbe }): ReactElement {
  const { facts } = probe
  return (
    <div className="eng-ok" role="status">
      <strong>
        Connected to {probe.user}@{probe.hostName}:{probe.port}
        {probe.via.length > 0 ? ` via ${probe.via.join(', ')}` : ''}
      </strong>
      <p>
        {probe.identity ? engineLabel(probe.identity) : `Engine ${facts.version}`} (API {facts.apiVersion}) on {facts.os}/{facts.arch}, {facts.cpus} CPUs, {formatBytes(facts.memoryBytes)}, {facts.storageDriver || 'unknown'} storage
        {facts.rootless ? ', rootless' : ''}.
      </p>
      <p>
        Socket <span className="mono">{probe.socket}</span>
        {probe.rootlessSocketDetected ? ' — the default socket is missing there; this is the rootless engine Berth found instead.' : ''}
      </p>
    </div>
  )
}
