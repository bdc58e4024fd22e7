/**
 * Give an image another name (docker tag): shows which image, takes the new reference (checked
 * against docker's grammar before anything is sent; a digest can't be given), and once tagged
 * offers to push the new name, which is what a new name with a registry in it is usually for.
 */
import { useId, useRef, useState, type ReactElement } from 'react'
import { parseReference, referenceProblem } from '../../../../shared/reference'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { shortId } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import type { ImageDialog } from '../../stores/views'
import { ReferenceField, useShownProblem } from './ReferenceField'
import { useFocusOnChange } from './useFocusOnChange'
import '../../styles/run.css'
import '../../styles/distribution.css'

/** Why `text` can't be a new name: the grammar's sentence, or the digest rule. */
export function tagTargetProblem(text: string): string | null {
  const problem = referenceProblem(text)
  if (problem) return problem
  return text.includes('@') ? 'a new name takes a tag, not a digest (e.g. app:v2)' : null
}

/** The source's name (without tag) to start from, so people usually only change what differs. */
function startingName(source: string): string {
  const parsed = parseReference(source)
  if (!parsed.ok || /^(sha256:)?[0-9a-f]{12,64}$/.test(source)) return ''
  const colon = source.lastIndexOf(':')
  return colon > source.lastIndexOf('/') ? `${source.slice(0, colon)}:` : `${source}:`
}

export function TagDialog({ dialog, onClose }: { dialog: Extract<ImageDialog, { kind: 'tag' }>; onClose: () => void }): ReactElement {
  const { client, views } = useStores()
  const fieldId = useId()
  const [text, setText] = useState(() => startingName(dialog.source))
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [tagged, setTagged] = useState<string | null>(null)
  const content = useRef<HTMLDivElement>(null)
  useFocusOnChange(content, tagged ? 'done' : 'form')
  const problem = tagTargetProblem(text.trim())
  const shownProblem = useShownProblem(text, problem, submitted)
  const isId = /^(sha256:)?[0-9a-f]{12,64}$/.test(dialog.source)

  async function submit(): Promise<void> {
    setSubmitted(true)
    if (problem || busy) return
    setBusy(true)
    setFailure(null)
    try {
      const result = await client.call('images.tag', { source: dialog.imageId, target: text.trim() })
      setTagged(result.reference)
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  const actions = tagged ? (
    <>
      <button type="button" className="btn" onClick={onClose}>
        Close
      </button>
      <button type="button" className="btn btn-primary" data-autofocus onClick={() => views.getState().openImageDialog({ kind: 'push', reference: tagged })}>
        Push {tagged}…
      </button>
    </>
  ) : (
    <>
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined} onClick={() => void submit()}>
        {busy ? <Spinner /> : null}
        Tag
      </button>
    </>
  )

  return (
    <Dialog title="Tag image" onCancel={onClose} actions={actions}>
      <div ref={content} className="dist-dialog">
        <dl className="dist-source">
          <dt>Image</dt>
          <dd className="mono">{isId ? shortId(dialog.source) : dialog.source}</dd>
          {!isId && dialog.imageId !== dialog.source ? (
            <>
              <dt>Id</dt>
              <dd className="mono">{shortId(dialog.imageId)}</dd>
            </>
          ) : null}
        </dl>
        {tagged ? (
          <p className="dist-lead dist-done" role="status">
            Tagged as <strong className="mono">{tagged}</strong>.
          </p>
        ) : (
          <form
            className="dist-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault()
              void submit()
            }}
          >
            <ReferenceField
              id={fieldId}
              label="New name"
              value={text}
              onChange={setText}
              problem={shownProblem}
              placeholder="e.g. 127.0.0.1:5000/team/app:v2"
              meaningVerb="Names it"
            />
            {failure ? (
              <p className="alert alert-error dist-alert" role="alert">
                Couldn't tag: {failure}
              </p>
            ) : null}
            <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
          </form>
        )}
      </div>
    </Dialog>
  )
}
