/**
 * Pull an image: a reference checked against docker's grammar before anything is sent, then
 * per-layer progress with an overall bar (bytes, speed), Cancel, and at the end what happened
 * plus "Run…". Opened with a reference (Pull again, the run dialog's offer) it starts at once.
 * The pulled image shows up in the Images list by itself, through the engine's events.
 */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react'
import { parseReference, referenceProblem } from '../../../../shared/reference'
import { Dialog } from '../../components/Dialog'
import { shortId } from '../../lib/format'
import { useSlice, useStores } from '../../stores/context'
import type { ImageDialog } from '../../stores/views'
import { formatDuration } from './layerWords'
import { ReferenceField, registryWords, useShownProblem } from './ReferenceField'
import { TransferFailureAlert } from './TransferFailureAlert'
import { TransferProgressView } from './TransferProgressView'
import { useFocusOnChange } from './useFocusOnChange'
import { useTransfer } from './useTransfer'
import '../../styles/run.css'
import '../../styles/distribution.css'

export function PullDialog({ dialog, onClose }: { dialog: Extract<ImageDialog, { kind: 'pull' }>; onClose: () => void }): ReactElement {
  const { views } = useStores()
  const runDialogOpen = useSlice(views, (s) => s.runDialog !== null)
  const fieldId = useId()
  const [text, setText] = useState(dialog.reference)
  const [submitted, setSubmitted] = useState(false)
  const { phase, start, cancel } = useTransfer('images.pull')
  const problem = referenceProblem(text.trim())
  const shownProblem = useShownProblem(text, problem, submitted)
  const content = useRef<HTMLDivElement>(null)
  useFocusOnChange(content, phase.kind)

  // Opened with a reference someone already chose (Pull again, the run dialog): no need to ask.
  const opened = useRef(false)
  useEffect(() => {
    if (opened.current) return
    opened.current = true
    if (dialog.reference && !referenceProblem(dialog.reference)) start(dialog.reference)
  }, [dialog.reference, start])

  function submit(): void {
    setSubmitted(true)
    if (problem) return
    start(text.trim())
  }

  function runIt(reference: string): void {
    onClose()
    views.getState().openRunDialog(reference)
  }

  const parsed = phase.kind === 'idle' ? null : parseReference(phase.reference)
  const registry = parsed?.ok ? registryWords(parsed.reference.registry) : ''

  let body: ReactElement
  let actions: ReactElement
  if (phase.kind === 'running' || phase.kind === 'done') {
    body = (
      <>
        {phase.kind === 'running' ? (
          <p className="dist-lead">
            Pulling <strong className="mono">{phase.reference}</strong> from {registry}…
          </p>
        ) : (
          <p className="dist-lead dist-done" role="status">
            {phase.result.upToDate ? (
              <>
                <strong className="mono">{phase.result.reference}</strong> is already up to date ({shortId(phase.result.imageId)}).
              </>
            ) : (
              <>
                Pulled <strong className="mono">{phase.result.reference}</strong> ({shortId(phase.result.imageId)}) in {formatDuration(phase.elapsedMs)}.
              </>
            )}
            {runDialogOpen ? ' You can run it now.' : ''}
          </p>
        )}
        <TransferProgressView progress={phase.progress} verb="pull" elapsedMs={phase.kind === 'done' ? phase.elapsedMs : undefined} />
      </>
    )
    actions =
      phase.kind === 'running' ? (
        <button type="button" className="btn" data-autofocus onClick={cancel}>
          Cancel pull
        </button>
      ) : (
        <>
          <button type="button" className={runDialogOpen ? 'btn btn-primary' : 'btn'} data-autofocus={runDialogOpen || undefined} onClick={onClose}>
            Close
          </button>
          {runDialogOpen ? null : (
            <button type="button" className="btn btn-primary" data-autofocus onClick={() => runIt(phase.result.reference)}>
              Run…
            </button>
          )}
        </>
      )
  } else {
    body = (
      <form
        className="dist-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <ReferenceField
          id={fieldId}
          label="Image"
          value={text}
          onChange={setText}
          problem={shownProblem}
          placeholder="e.g. alpine:3.20 or 127.0.0.1:5000/team/app:v1"
          meaningVerb="Pulls"
        />
        {phase.kind === 'cancelled' ? (
          <p className="dist-note" role="status">
            Cancelled the pull of <span className="mono">{phase.reference}</span>: the engine stopped and kept no part of it.
          </p>
        ) : null}
        {phase.kind === 'failed' ? <TransferFailureAlert verb="pull" failure={phase.failure} onLogIn={(registry) => views.getState().openImageDialog({ kind: 'login', registry })} /> : null}
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
    )
    actions = (
      <>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={submit}>
          {phase.kind === 'idle' ? 'Pull' : 'Pull again'}
        </button>
      </>
    )
  }

  return (
    <Dialog title="Pull image" onCancel={onClose} actions={actions}>
      <div ref={content} className="dist-dialog">
        {body}
      </div>
    </Dialog>
  )
}
