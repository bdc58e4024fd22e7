/**
 * Commit a container to an image: repository and tag (docker's reference rules), message,
 * author, changes one per line (ENV A=b, CMD ["sh"] …) and whether to pause it meanwhile.
 * Every field is checked as it is typed; nothing reaches the engine until all are right.
 */
import { useState, type ReactElement } from 'react'
import { splitChanges } from '../../../../shared/snapshots-models'
import { Dialog } from '../../components/Dialog'
import { SubmitActions } from '../../components/SubmitActions'
import { shortId } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FormField } from './FormField'
import '../../styles/files.css'
import { imageFormProblems } from './validation'

export interface CommitDialogProps {
  containerId: string
  containerName: string
  onClose: () => void
}

export function CommitDialog({ containerId, containerName, onClose }: CommitDialogProps): ReactElement {
  const { client } = useStores()
  const [repo, setRepo] = useState(containerName.toLowerCase().replace(/[^a-z0-9._/-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'snapshot')
  const [tag, setTag] = useState('latest')
  const [message, setMessage] = useState('')
  const [author, setAuthor] = useState('')
  const [changes, setChanges] = useState('')
  const [pause, setPause] = useState(true)
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [made, setMade] = useState<{ reference: string; imageId: string } | null>(null)
  const problems = imageFormProblems({ repo, tag, changes }, true)
  const shown = tried ? problems : {}

  async function submit(): Promise<void> {
    setTried(true)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setFailure(null)
    try {
      const result = await client.call('containers.commit', {
        id: containerId,
        repo: repo.trim(),
        tag: tag.trim() || undefined,
        message: message || undefined,
        author: author.trim() || undefined,
        changes: splitChanges(changes),
        pause
      })
      setMade(result)
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  const actions = <SubmitActions done={made !== null} busy={busy} submitLabel="Commit" onSubmit={() => void submit()} onClose={onClose} />
  return (
    <Dialog title={`Commit ${containerName} to an image`} onCancel={onClose} actions={actions}>
      {made ? (
        <p role="status">
          Created image <strong>{made.reference}</strong> ({shortId(made.imageId)}).
        </p>
      ) : (
        <form
          className="snap-form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <div className="snap-row">
            <FormField label="Repository" value={repo} onChange={setRepo} problem={shown.repo} placeholder="myapp or registry:5000/team/app" autoFocus />
            <FormField label="Tag" value={tag} onChange={setTag} problem={shown.tag} placeholder="latest" />
          </div>
          <FormField label="Message" value={message} onChange={setMessage} placeholder="What changed (optional)" />
          <FormField label="Author" value={author} onChange={setAuthor} placeholder="Name <email> (optional)" />
          <FormField
            label="Changes"
            value={changes}
            onChange={setChanges}
            problem={shown.changes}
            multiline
            hint="One per line: ENV A=b, CMD [&quot;sh&quot;], ENTRYPOINT, EXPOSE 80, LABEL k=v, USER, WORKDIR, VOLUME, ONBUILD."
            placeholder={'ENV MODE=production\nCMD ["sh"]'}
          />
          <label className="check">
            <input type="checkbox" checked={pause} onChange={(event) => setPause(event.currentTarget.checked)} />
            Pause the container while committing (a consistent snapshot)
          </label>
          {failure ? (
            <p role="alert" className="snap-problem">
              Couldn't commit: {failure}
            </p>
          ) : null}
          <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
        </form>
      )}
    </Dialog>
  )
}
