/**
 * Import a tar (e.g. one made by Export) as an image: pick the file, name it (optional), add
 * changes such as CMD ["sh"]; the file is uploaded in chunks with a progress bar, then imported.
 */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react'
import { splitChanges } from '../../../../shared/snapshots-models'
import { Dialog } from '../../components/Dialog'
import { SubmitActions } from '../../components/SubmitActions'
import { shortId } from '../../lib/format'
import { sendFile, uploadProblem } from '../../lib/upload'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FormField } from './FormField'
import '../../styles/files.css'
import { ProgressRow } from './ProgressRow'
import { imageFormProblems } from './validation'

type Phase = { kind: 'form' } | { kind: 'uploading'; sent: number } | { kind: 'importing' } | { kind: 'done'; imageId: string; reference: string | null }

export function ImportImageDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useStores()
  const fileId = useId()
  const [file, setFile] = useState<File | null>(null)
  const [repo, setRepo] = useState('')
  const [tag, setTag] = useState('')
  const [message, setMessage] = useState('')
  const [changes, setChanges] = useState('CMD ["sh"]')
  const [tried, setTried] = useState(false)
  const [phase, setPhase] = useState<Phase>({ kind: 'form' })
  const [failure, setFailure] = useState<string | null>(null)
  const abort = useRef(new AbortController())
  useEffect(() => () => abort.current.abort(), [])

  const problems = imageFormProblems({ repo, tag, changes }, false)
  const fileIssue = file ? uploadProblem(file) : 'choose a .tar file'
  const shown = tried ? problems : {}

  async function submit(): Promise<void> {
    setTried(true)
    if (Object.keys(problems).length > 0 || fileIssue || !file) return
    setFailure(null)
    setPhase({ kind: 'uploading', sent: 0 })
    try {
      const uploadId = await sendFile(client, file, (sent) => setPhase({ kind: 'uploading', sent }), abort.current.signal)
      setPhase({ kind: 'importing' })
      const result = await client.call('images.import', {
        uploadId,
        repo: repo.trim() || undefined,
        tag: tag.trim() || undefined,
        message: message || undefined,
        changes: splitChanges(changes)
      })
      setPhase({ kind: 'done', ...result })
    } catch (err) {
      if (abort.current.signal.aborted) return
      setFailure(describeError(err))
      setPhase({ kind: 'form' })
    }
  }

  const working = phase.kind === 'uploading' || phase.kind === 'importing'
  const actions = (
    <SubmitActions done={phase.kind === 'done'} busy={working} submitLabel="Import" onSubmit={() => void submit()} onClose={onClose} />
  )
  return (
    <Dialog title="Import a tar as an image" onCancel={onClose} actions={actions}>
      {phase.kind === 'done' ? (
        <p role="status">
          Imported image <strong>{phase.reference ?? shortId(phase.imageId)}</strong> ({shortId(phase.imageId)}).
        </p>
      ) : (
        <div className="snap-form">
          <div className="snap-field">
            <label htmlFor={fileId} className="snap-label">
              Tar file
            </label>
            <input
              id={fileId}
              type="file"
              accept=".tar,application/x-tar"
              data-autofocus
              aria-invalid={tried && fileIssue ? true : undefined}
              onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
            />
            {tried && fileIssue ? <span className="snap-problem">{fileIssue}</span> : null}
          </div>
          <div className="snap-row">
            <FormField label="Repository" value={repo} onChange={setRepo} problem={shown.repo} placeholder="optional, e.g. restored/app" />
            <FormField label="Tag" value={tag} onChange={setTag} problem={shown.tag} placeholder="latest" />
          </div>
          <FormField label="Message" value={message} onChange={setMessage} placeholder="optional" />
          <FormField
            label="Changes"
            value={changes}
            onChange={setChanges}
            problem={shown.changes}
            multiline
            hint="One per line. An exported filesystem has no command of its own: give it one, e.g. CMD [&quot;sh&quot;]."
          />
          {phase.kind === 'uploading' && file ? <ProgressRow label={`Uploading ${file.name}`} doneBytes={phase.sent} totalBytes={file.size} /> : null}
          {phase.kind === 'importing' ? <p role="status">The engine is importing the tar…</p> : null}
          {failure ? (
            <p role="alert" className="snap-problem">
              Couldn't import: {failure}
            </p>
          ) : null}
        </div>
      )}
    </Dialog>
  )
}
