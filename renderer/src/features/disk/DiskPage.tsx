/**
 * Disk usage: what images, containers, local volumes and build cache hold (GET /system/df), each
 * with what a clean-up would free and a one-click clean-up that first shows exactly what goes.
 * Read when the page opens, on Refresh, and after a clean-up (df is too costly to poll).
 */
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import type { DiskKind, DiskUsage } from '../../../../shared/disk-models'
import { Icon } from '../../components/Icon'
import { Spinner } from '../../components/Spinner'
import { formatBytes } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { CleanupDialog } from './CleanupDialog'
import { KindCard } from './KindCard'
import { KIND_ORDER, percent } from './kinds'
import '../../styles/image-maintenance.css'

export function DiskPage(): ReactElement {
  const { client } = useStores()
  const [usage, setUsage] = useState<DiskUsage | null>(null)
  const [loading, setLoading] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [cleaning, setCleaning] = useState<DiskKind | null>(null)

  const load = useCallback(async () => {
    setLoading(true)
    setFailure(null)
    try {
      setUsage(await client.call('disk.usage', {}))
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setLoading(false)
    }
  }, [client])
  useEffect(() => {
    void load()
  }, [load])

  const kinds = usage ? KIND_ORDER.map((kind) => usage.kinds.find((k) => k.kind === kind)).filter((k) => k !== undefined) : []
  const total = kinds.reduce((sum, kind) => sum + kind.totalBytes, 0)
  const reclaimable = kinds.reduce((sum, kind) => sum + kind.reclaimableBytes, 0)

  return (
    <section className="page disk-page" aria-labelledby="disk-heading">
      <header className="page-header">
        <h1 id="disk-heading">Disk usage</h1>
        <span className="page-summary">
          {usage ? `${formatBytes(total)} used · ${formatBytes(reclaimable)} reclaimable (${percent(reclaimable, total)}%)` : null}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => void load()} disabled={loading}>
          {loading ? <Spinner /> : <Icon name="refresh" />}
          Refresh
        </button>
      </header>
      {failure ? (
        <p role="alert" className="alert alert-error">
          Couldn’t read disk usage: {failure}
        </p>
      ) : null}
      {usage === null ? (
        <p role="status" className="muted">
          {failure ? null : 'Asking the engine what it stores…'}
        </p>
      ) : (
        <>
          <div className="disk-cards">
            {kinds.map((kind) => (
              <KindCard key={kind.kind} usage={kind} onCleanup={() => setCleaning(kind.kind)} />
            ))}
          </div>
          <p className="hint muted disk-note">
            As of {new Date(usage.measuredAt).toLocaleTimeString()}. Image sizes count each shared layer once; build cache shared with images is counted with the images.
          </p>
        </>
      )}
      {cleaning ? (
        <CleanupDialog
          kind={cleaning}
          onClose={(changed) => {
            setCleaning(null)
            if (changed) void load()
          }}
        />
      ) : null}
    </section>
  )
}
