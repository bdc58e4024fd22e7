/**
 * Push an image's tag to its registry: says where it goes (the registry is part of the name),
 * then per-layer upload progress with an overall bar; a registry that wants credentials gets a
 * "Log in" button. To push somewhere else, the image needs another name first: "Tag…" is offered.
 */
import { useRef, type ReactElement } from 'react'
import { familiarReference, parseReference } from '../../../../shared/reference'
import { Dialog } from '../../components/Dialog'
import { useStores } from '../../stores/context'
import type { ImageDialog } from '../../stores/views'
import { formatDuration } from './layerWords'
import { registryWords } from './ReferenceField'
import { TransferFailureAlert } from './TransferFailureAlert'
import { TransferProgressView } from './TransferProgressView'
import { useFocusOnChange } from './useFocusOnChange'
import { useTransfer } from './useTransfer'
import '../../styles/run.css'
import '../../styles/distribution.css'

export function PushDialog({ dialog, onClose }: { dialog: Extract<ImageDialog, { kind: 'push' }>; onClose: () => void }): ReactElement {
  const { views } = useStores()
  const { phase, start, cancel } = useTransfer('images.push')
  const content = useRef<HTMLDivElement>(null)
  useFocusOnChange(content, phase.kind)
  const parsed = parseReference(dialog.reference)
  const reference = parsed.ok ? familiarReference(parsed.reference) : dialog.reference
  const officialHub = parsed.ok && parsed.reference.registry === 'docker.io' && parsed.reference.repository.startsWith('library/')

  const tagFirst = (): void => views.getState().openImageDialog({ kind: 'tag', imageId: reference, source: reference })

  let body: ReactElement
  let actions: ReactElement
  if (!parsed.ok) {
    body = (
      <p className="alert alert-error dist-alert" role="alert">
        "{dialog.reference}" can't be pushed: {parsed.problem}.
      </p>
    )
    actions = (
      <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
        Close
      </button>
    )
  } else if (phase.kind === 'running' || phase.kind === 'done') {
    body = (
      <>
        {phase.kind === 'running' ? (
          <p className="dist-lead">
            Pushing <strong className="mono">{reference}</strong> to {registryWords(parsed.reference.registry)}…
          </p>
        ) : (
          <p className="dist-lead dist-done" role="status">
            Pushed <strong className="mono">{phase.result.reference}</strong> in {formatDuration(phase.elapsedMs)}. Digest{' '}
            <span className="mono">{phase.result.digest.slice(0, 19)}…</span>
          </p>
        )}
        <TransferProgressView progress={phase.progress} verb="push" elapsedMs={phase.kind === 'done' ? phase.elapsedMs : undefined} />
      </>
    )
    actions =
      phase.kind === 'running' ? (
        <button type="button" className="btn" data-autofocus onClick={cancel}>
          Cancel push
        </button>
      ) : (
        <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
          Close
        </button>
      )
  } else {
    body = (
      <>
        <dl className="dist-source">
          <dt>Image</dt>
          <dd className="mono">{reference}</dd>
          <dt>Registry</dt>
          <dd>{registryWords(parsed.reference.registry)}</dd>
          <dt>Repository</dt>
          <dd className="mono">
            {parsed.reference.repository}:{parsed.reference.tag ?? 'latest'}
          </dd>
        </dl>
        <p className="dist-note">
          {officialHub
            ? `This name belongs to Docker Hub's official images, where only Docker may push. To push to your own registry or account, give the image another name first.`
            : 'The registry is part of the name. To push somewhere else, give the image another name first.'}{' '}
          Your saved login for {parsed.reference.registry} is used, if there is one.
        </p>
        {phase.kind === 'cancelled' ? (
          <p className="dist-note" role="status">
            Cancelled the push. Layers already uploaded stay in the registry and are skipped next time.
          </p>
        ) : null}
        {phase.kind === 'failed' ? <TransferFailureAlert verb="push" failure={phase.failure} onLogIn={(registry) => views.getState().openImageDialog({ kind: 'login', registry })} /> : null}
      </>
    )
    actions = (
      <>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn" onClick={tagFirst}>
          Tag…
        </button>
        <button type="button" className="btn btn-primary" data-autofocus onClick={() => start(reference)}>
          {phase.kind === 'idle' ? 'Push' : 'Push again'}
        </button>
      </>
    )
  }

  return (
    <Dialog title={`Push ${reference}`} onCancel={onClose} actions={actions}>
      <div ref={content} className="dist-dialog">
        {body}
      </div>
    </Dialog>
  )
}
