/**
 * Restore a backup (.tar, as Back up makes, or any tar of a folder's contents) into a new volume
 * or an existing one. Restoring over files needs an explicit tick: files from the backup replace
 * those with the same path, the others stay. The file is uploaded in chunks with a progress bar
 * (never held whole in memory), then unpacked by the engine through a helper container.
 */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react'
import { volumeNameProblem } from '../../../../shared/volumes-models'
import { RpcError } from '../../../../shared/errors'
import { Dialog } from '../../components/Dialog'
import { SubmitActions } from '../../components/SubmitActions'
import { formatBytes } from '../../lib/format'
import { sendFile, uploadProblem } from '../../lib/upload'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FormField } from '../snapshots/FormField'
import { ProgressRow } from '../snapshots/ProgressRow'
import { SelectField } from './SelectField'

type Phase = { kind: 'form' } | { kind: 'uploading'; sent: number } | { kind: 'restoring' } | { kind: 'done'; name: string; bytes: number; created: boolean }

/** "app-data-2026-12-02T05-06.tar" → "app-data". */
export function volumeNameFromFile(fileName: string): string {
  const stem = fileName.replace(/\.(tar(\.(gz|bz2|xz))?|tgz)$/i, '').replace(/-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}$/, '')
  const cleaned = stem.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '')
  return cleaned.length >= 2 ? cleaned : ''
}

export function RestoreVolumeDialog({ target, onClose }: { target?: string; onClose: () => void }): ReactElement {
  const { client, volumes } = useStores()
  const existing = useSlice(volumes, (s) => s.items)
  const fileId = useId()
  const [file, setFile] = useState<File | null>(null)
  const [into, setInto] = useState<'new' | 'existing'>(target ? 'existing' : 'new')
  const [newName, setNewName] = useState('')
  const [existingName, setExistingName] = useState(target ?? existing[0]?.name ?? '')
  const [overwrite, setOverwrite] = useState(false)
  const [overwriteNeeded, setOverwriteNeeded] = useState<string | null>(null)
  const [tried, setTried] = useState(false)
  const [phase, setPhase] = useState<Phase>({ kind: 'form' })
  const [failure, setFailure] = useState<string | null>(null)
  const abort = useRef(new AbortController())
  useEffect(() => () => abort.current.abort(), [])

  const fileIssue = file ? uploadProblem(file) : 'choose the backup file (.tar)'
  const nameIssue = into === 'new' ? volumeNameProblem(newName.trim()) : existingName ? null : 'pick a volume'
  const problems = { file: tried ? fileIssue : null, name: tried ? nameIssue : null }
  async function submit(): Promise<void> {
    setTried(true)
    if (fileIssue || nameIssue || !file) return
    setFailure(null)
    setOverwriteNeeded(null)
    setPhase({ kind: 'uploading', sent: 0 })
    try {
      const uploadId = await sendFile(client, file, (sent) => setPhase({ kind: 'uploading', sent }), abort.current.signal)
      setPhase({ kind: 'restoring' })
      const result =
        into === 'new'
          ? await client.call('volumes.restore', { uploadId, name: newName.trim(), create: {} })
          : await client.call('volumes.restore', { uploadId, name: existingName, overwrite })
      setPhase({ kind: 'done', ...result })
    } catch (err) {
      if (abort.current.signal.aborted) return
      if (err instanceof RpcError && err.code === 'CONFLICT' && (err.detail as { notEmpty?: boolean } | undefined)?.notEmpty) setOverwriteNeeded(err.message)
      else setFailure(describeError(err))
      setPhase({ kind: 'form' })
    }
  }

  const working = phase.kind === 'uploading' || phase.kind === 'restoring'
  return (
    <Dialog
      title="Restore a volume backup"
      onCancel={onClose}
      actions={<SubmitActions done={phase.kind === 'done'} busy={working} submitLabel="Restore" onSubmit={() => void submit()} onClose={onClose} />}
    >
      {phase.kind === 'done' ? (
        <p role="status">
          Restored {formatBytes(phase.bytes)} into {phase.created ? 'the new volume' : 'volume'} <strong>{phase.name}</strong>.
        </p>
      ) : (
        <form
          className="snap-form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <div className="snap-field">
            <label htmlFor={fileId} className="snap-label">
              Backup file
            </label>
            <input
              id={fileId}
              type="file"
              accept=".tar,.tar.gz,.tgz,.tar.bz2,.tar.xz,application/x-tar"
              data-autofocus
              aria-invalid={problems.file ? true : undefined}
              onChange={(event) => {
                const chosen = event.currentTarget.files?.[0] ?? null
                setFile(chosen)
                if (chosen && !newName) setNewName(volumeNameFromFile(chosen.name))
              }}
            />
            {problems.file ? <span className="snap-problem">{problems.file}</span> : null}
          </div>
          <fieldset className="vn-choice">
            <legend className="snap-label">Restore into</legend>
            <label className="check">
              <input type="radio" name="restore-into" checked={into === 'new'} onChange={() => setInto('new')} />A new volume
            </label>
            <label className="check">
              <input type="radio" name="restore-into" checked={into === 'existing'} disabled={existing.length === 0} onChange={() => setInto('existing')} />
              An existing volume
            </label>
          </fieldset>
          {into === 'new' ? (
            <FormField label="New volume name" value={newName} onChange={setNewName} problem={problems.name} placeholder="e.g. app-data-restored" hint="Letters, digits and _ . - (at least 2 characters)." />
          ) : (
            <>
              <SelectField
                label="Volume"
                value={existingName}
                onChange={(value) => {
                  setExistingName(value)
                  setOverwriteNeeded(null)
                }}
                problem={problems.name}
                options={existing.map((v) => ({ value: v.name, label: v.usedBy.length ? `${v.name} (in use by ${v.usedBy.length})` : v.name }))}
              />
              <label className="check">
                <input type="checkbox" checked={overwrite} aria-describedby={overwriteNeeded ? `${fileId}-overwrite` : undefined} onChange={(event) => setOverwrite(event.currentTarget.checked)} />
                Restore over files already in the volume
              </label>
              <span className="snap-hint">Files in the backup replace those with the same path; other files stay. An empty volume needs no tick.</span>
              {overwriteNeeded ? (
                <p id={`${fileId}-overwrite`} role="alert" className="snap-problem">
                  {overwriteNeeded}
                </p>
              ) : null}
            </>
          )}
          {phase.kind === 'uploading' && file ? <ProgressRow label={`Uploading ${file.name}`} doneBytes={phase.sent} totalBytes={file.size} /> : null}
          {phase.kind === 'restoring' ? <p role="status">The engine is unpacking the backup…</p> : null}
          {failure ? (
            <p role="alert" className="snap-problem">
              Couldn't restore: {failure}
            </p>
          ) : null}
          <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
        </form>
      )}
    </Dialog>
  )
}
