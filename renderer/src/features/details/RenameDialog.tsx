/** Rename a container: validated with the same name rule as the run dialog, then containers.rename. */
import { useMemo, useState, type FormEvent, type ReactElement } from 'react'
import { checkName } from '../../../../shared/run-validation'
import { Dialog } from '../../components/Dialog'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { Field } from '../run/Field'
import { useRunContext } from '../run/useRunContext'

export interface RenameDialogProps {
  containerId: string
  currentName: string
  onCancel: () => void
  onRenamed: () => void
}

export function RenameDialog({ containerId, currentName, onCancel, onRenamed }: RenameDialogProps): ReactElement {
  const { client } = useStores()
  const context = useRunContext(null, containerId)
  const [name, setName] = useState(currentName)
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const problem = useMemo(() => (name.trim() === '' ? 'Enter the new name.' : checkName(name.trim(), context)), [name, context])

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setTried(true)
    setFailure(null)
    if (problem || busy) return
    if (name.trim() === currentName) {
      onCancel()
      return
    }
    setBusy(true)
    try {
      await client.call('containers.rename', { id: containerId, name: name.trim() })
      onRenamed()
    } catch (err) {
      setFailure(describeError(err))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={`Rename ${currentName}`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form="rename-form" className="btn btn-primary" disabled={busy}>
            Rename
          </button>
        </>
      }
    >
      <form id="rename-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field id="rename-name" label="New name" error={tried || name !== currentName ? problem : null}>
          {(p) => <input {...p} className="input" data-autofocus value={name} spellCheck={false} onChange={(e) => setName(e.currentTarget.value)} />}
        </Field>
        {failure ? (
          <p className="alert alert-error" role="alert">
            {failure}
          </p>
        ) : null}
      </form>
    </Dialog>
  )
}
