/**
 * The Builds page: the build running now (with a way back to its progress), and the history —
 * what was built, when, how long, how it ended (the image, or the failing step and line, or
 * cancelled) — with "Build…", a re-run of any past build with the same options, and clearing.
 */
import { useEffect, useState, type ReactElement } from 'react'
import type { BuildRecord } from '../../../../shared/build-models'
import { Dialog } from '../../components/Dialog'
import { ErrorAlerts, type ShownError } from '../../components/ErrorAlerts'
import { Icon } from '../../components/Icon'
import { Spinner } from '../../components/Spinner'
import { formatFullDate, formatRelative, plural, shortId } from '../../lib/format'
import { useNow } from '../../lib/useNow'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import '../../styles/build.css'
import { isRunning, stepsFinished } from './buildProgress'
import { buildTitle, formatDuration } from './buildForm'

const RESULT_WORDS: Record<BuildRecord['status'], string> = { succeeded: 'Built', failed: 'Failed', cancelled: 'Cancelled' }

function outcome(record: BuildRecord): string {
  if (record.status === 'succeeded') return `${plural(record.steps, 'step')}, ${record.cachedSteps} cached`
  if (record.status === 'cancelled') return 'Stopped; nothing was tagged'
  const failure = record.failure
  if (!failure) return 'Failed'
  const where = failure.step !== null ? `Step ${failure.step}${failure.line !== null ? `, line ${failure.line}` : ''}: ` : ''
  return `${where}${failure.message}`
}

function HistoryRow({ record, nowMs, onRerun, rerunDisabled }: { record: BuildRecord; nowMs: number; onRerun: () => void; rerunDisabled: boolean }): ReactElement {
  const { views } = useStores()
  const title = buildTitle(record.options)
  return (
    <tr>
      <td>
        <span className={`build-state is-${record.status === 'succeeded' ? 'done' : record.status === 'failed' ? 'failed' : 'skipped'}`}>{RESULT_WORDS[record.status]}</span>
      </td>
      <td>
        <div className="builds-what">
          <span className="builds-title">{title}</span>
          <span className="builds-path mono" title={`${record.options.contextPath} · ${record.options.dockerfile}`}>
            {record.options.contextPath}
            {record.options.dockerfile !== 'Dockerfile' ? ` · ${record.options.dockerfile}` : ''}
          </span>
        </div>
      </td>
      <td className="builds-number" title={formatFullDate(record.startedAt / 1000)}>
        {formatRelative(record.startedAt / 1000, nowMs)}
      </td>
      <td className="builds-number">{formatDuration(record.durationMs)}</td>
      <td className="builds-outcome" title={outcome(record)}>
        {outcome(record)}
      </td>
      <td>
        {record.imageId ? (
          <button type="button" className="link-btn mono builds-image" aria-label={`Open image ${shortId(record.imageId)} of ${title}`} onClick={() => views.getState().openImage(record.imageId ?? '')}>
            {shortId(record.imageId)}
          </button>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <button type="button" className="btn btn-small" aria-label={`Re-run build of ${title}`} disabled={rerunDisabled} onClick={onRerun}>
          <Icon name="restart" /> Re-run
        </button>
      </td>
    </tr>
  )
}

export function BuildsPage(): ReactElement {
  const { builds, views } = useStores()
  const history = useSlice(builds, (s) => s.history)
  const loaded = useSlice(builds, (s) => s.historyLoaded)
  const loadError = useSlice(builds, (s) => s.historyError)
  const active = useSlice(builds, (s) => s.active)
  const [confirmClear, setConfirmClear] = useState(false)
  const [errors, setErrors] = useState<ShownError[]>([])
  const nowMs = useNow()
  const running = isRunning(active)

  useEffect(() => {
    void builds.getState().loadHistory()
  }, [builds])

  const openBuild = (): void => views.getState().openImageDialog({ kind: 'build' })
  const rerun = (record: BuildRecord): void => {
    builds.getState().start(record.options)
    openBuild()
  }
  async function clear(): Promise<void> {
    setConfirmClear(false)
    try {
      await builds.getState().clearHistory()
    } catch (err) {
      setErrors((current) => [...current, { key: Date.now(), message: `Couldn't clear the history: ${describeError(err)}` }])
    }
  }

  return (
    <section className="page" aria-labelledby="builds-heading">
      <header className="page-header">
        <h1 id="builds-heading">Builds</h1>
        <span className="page-summary">{loaded ? plural(history.length, 'build') : null}</span>
      </header>
      <div className="toolbar" role="toolbar" aria-label="Build actions">
        <span className="toolbar-spacer" />
        <button type="button" className="btn" disabled={history.length === 0} onClick={() => setConfirmClear(true)}>
          <Icon name="trash" /> Clear history
        </button>
        <button type="button" className="btn btn-primary" onClick={openBuild}>
          <Icon name="hammer" /> Build…
        </button>
      </div>
      <ErrorAlerts errors={errors} onDismiss={(key) => setErrors((current) => current.filter((e) => e.key !== key))} />
      {running && active ? (
        <div className="builds-running" role="status">
          <Spinner />
          <span>
            Building <strong>{buildTitle(active.options)}</strong>: {stepsFinished(active)} of {active.steps.length} steps finished
          </span>
          <button type="button" className="btn btn-small" onClick={openBuild}>
            Show progress
          </button>
        </div>
      ) : null}
      <div className="builds-table-wrap">
        {history.length === 0 ? (
          <p className="muted builds-empty">{loadError ? `Couldn't read the build history: ${loadError}` : loaded ? 'No builds yet. Build an image from a Dockerfile and it shows up here.' : 'Loading builds…'}</p>
        ) : (
          <table className="builds-table" aria-label="Build history">
            <thead>
              <tr>
                <th scope="col">Result</th>
                <th scope="col">What</th>
                <th scope="col">When</th>
                <th scope="col">Took</th>
                <th scope="col">Outcome</th>
                <th scope="col">Image</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((record) => (
                <HistoryRow key={record.id} record={record} nowMs={nowMs} rerunDisabled={running} onRerun={() => rerun(record)} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {confirmClear ? (
        <Dialog
          title="Clear the build history?"
          onCancel={() => setConfirmClear(false)}
          actions={
            <>
              <button type="button" className="btn" data-autofocus onClick={() => setConfirmClear(false)}>
                Keep it
              </button>
              <button type="button" className="btn btn-danger" onClick={() => void clear()}>
                Clear history
              </button>
            </>
          }
        >
          <p>The list of {plural(history.length, 'past build')} is forgotten. Images that were built stay where they are.</p>
        </Dialog>
      ) : null}
    </section>
  )
}
