/**
 * A build as it runs and once it ended: what is happening in words, the overall progress (steps
 * finished of all) and the context upload, the step list, and at the end the outcome — the image
 * and its tags, or the failing step with its Dockerfile lines and the engine's message, or
 * "Cancelled". Closing while it runs keeps the build going (the Builds page shows it).
 */
import type { ReactElement } from 'react'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { formatBytes, plural, shortId } from '../../lib/format'
import { useSlice, useStores } from '../../stores/context'
import { isRunning, stepsFinished, type ActiveBuild } from './buildProgress'
import { buildTitle, formatDuration } from './buildForm'
import { StepList } from './StepList'

function headline(build: ActiveBuild, total: number, finished: number): string {
  const line = build.record?.failure?.line
  switch (build.phase) {
    case 'preparing':
      return 'Reading the build context…'
    case 'building':
      if (build.cancelling) return 'Cancelling…'
      if (build.context.sentBytes < build.context.totalBytes) return `Sending the build context: ${formatBytes(build.context.sentBytes)} of ${formatBytes(build.context.totalBytes)}`
      return `Building: ${finished} of ${total} steps finished`
    case 'succeeded':
      return `Built in ${formatDuration(build.record?.durationMs ?? 0)} (${build.record?.cachedSteps ?? 0} of ${build.record?.steps ?? 0} steps from cache)`
    case 'failed':
      return build.record?.failure?.step ? `Failed at step ${build.record.failure.step}${line ? `, Dockerfile line ${line}` : ''}` : 'The build failed'
    case 'cancelled':
      return `CANCELLED after ${formatDuration(build.record?.durationMs ?? 0)}: nothing was tagged`
    case 'error':
      return 'The build could not start'
  }
}

function Failure({ build }: { build: ActiveBuild }): ReactElement | null {
  const failure = build.record?.failure
  if (!failure) return null
  return (
    <section className="build-failure" aria-label="Why the build failed">
      {failure.step !== null ? (
        <p className="build-failure-where">
          Step {failure.step}
          {failure.instruction ? <span className="mono"> {failure.instruction}</span> : null}
          {failure.line !== null ? ` — Dockerfile line ${failure.line}` : null}
        </p>
      ) : null}
      {failure.source.length > 0 ? (
        <ol className="build-source mono" aria-label="Dockerfile lines">
          {failure.source.map((line) => (
            <li key={line.number}>
              <span className="build-source-number">{line.number}</span>
              <span className="build-source-text">{line.text || ' '}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="build-failure-message mono">{failure.message}</p>
    </section>
  )
}

export interface BuildProgressViewProps {
  build: ActiveBuild
  onClose: () => void
  onEdit: () => void
  onOpenImage: (id: string) => void
}

export function BuildProgressView({ build, onClose, onEdit, onOpenImage }: BuildProgressViewProps): ReactElement {
  const { builds } = useStores()
  const cancelling = useSlice(builds, (s) => s.active?.cancelling ?? false)
  const running = isRunning(build)
  const total = build.steps.length
  const finished = stepsFinished(build)
  const actions = running ? (
    <>
      <button type="button" className="btn" onClick={onClose}>
        Hide
      </button>
      <button type="button" className="btn btn-danger" disabled={cancelling} data-autofocus onClick={() => void builds.getState().cancel()}>
        {cancelling ? 'Cancelling…' : 'Cancel build'}
      </button>
    </>
  ) : (
    <>
      <button type="button" className="btn" onClick={onEdit}>
        Edit and build again
      </button>
      {build.record?.imageId ? (
        <button type="button" className="btn" onClick={() => onOpenImage(build.record?.imageId ?? '')}>
          Open image
        </button>
      ) : null}
      <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
        Close
      </button>
    </>
  )
  return (
    <Dialog title={`Build ${buildTitle(build.options)}`} onCancel={onClose} actions={actions}>
      <div className="build-progress">
        <p className={`build-headline is-${build.phase}`} role="status">
          {running ? <Spinner /> : null}
          {headline(build, total, finished)}
        </p>
        {build.phase === 'succeeded' && build.record ? (
          <p className="build-result">
            Image <span className="mono">{shortId(build.record.imageId ?? '')}</span>
            {build.record.tags.length > 0 ? <> tagged {build.record.tags.map((tag) => <span key={tag} className="build-tag mono">{tag}</span>)}</> : ' (untagged)'}
          </p>
        ) : null}
        {build.error ? (
          <p className="build-failure-message" role="alert">
            {build.error.message}
          </p>
        ) : null}
        <div className="build-bars">
          <label className="build-bar">
            <span>Steps</span>
            <progress aria-label="Build progress" max={Math.max(total, 1)} value={finished} />
            <span className="build-bar-figure">
              {finished} / {total}
            </span>
          </label>
          <label className="build-bar">
            <span>Context</span>
            <progress aria-label="Build context sent" max={Math.max(build.context.totalBytes, 1)} value={Math.min(build.context.sentBytes, build.context.totalBytes)} />
            <span className="build-bar-figure">
              {formatBytes(build.context.totalBytes)} · {plural(build.context.files, 'file')}
            </span>
          </label>
        </div>
        <Failure build={build} />
        <StepList build={build} />
      </div>
    </Dialog>
  )
}
