/** Environment rows plus "Paste .env": KEY=value lines (comments, export, quotes) become rows. */
import { useState, type ReactElement } from 'react'
import { nextRowId, parseDotEnv, type KeyValueRow } from '../../../../shared/run-form'
import { KeyValueRows, type RowsProps } from './RowFields'

export function EnvFields(props: RowsProps<KeyValueRow>): ReactElement {
  const { rows, onChange } = props
  const [pasting, setPasting] = useState(false)
  const [text, setText] = useState('')
  const [errors, setErrors] = useState<string[]>([])

  function addPasted(): void {
    const parsed = parseDotEnv(text)
    setErrors(parsed.errors)
    if (parsed.rows.length === 0) return
    // A pasted key replaces an existing row with the same key; the rest are appended.
    const byKey = new Map(parsed.rows.map((row) => [row.key, row.value]))
    const kept = rows.filter((row) => row.key || row.value).map((row) => (byKey.has(row.key) ? { ...row, value: byKey.get(row.key) ?? '' } : row))
    const existing = new Set(kept.map((row) => row.key))
    const added = parsed.rows.filter((row) => !existing.has(row.key)).map((row) => ({ id: nextRowId(), ...row }))
    onChange([...kept, ...added])
    if (parsed.errors.length === 0) {
      setText('')
      setPasting(false)
    }
  }

  return (
    <>
      <KeyValueRows {...props} section="env" noun="variable" keyLabel="Variable name" />
      {pasting ? (
        <div className="field paste-env">
          <label htmlFor="run-env-paste" className="field-label">
            .env file contents
          </label>
          <textarea id="run-env-paste" className="input mono" rows={4} placeholder={'# comments are skipped\nDATABASE_URL="postgres://db/app"\nDEBUG=1'} value={text} onChange={(e) => setText(e.currentTarget.value)} aria-describedby={errors.length ? 'run-env-paste-error' : undefined} aria-invalid={errors.length ? true : undefined} />
          {errors.length ? (
            <span id="run-env-paste-error" className="field-error">
              {errors.join(' ')}
            </span>
          ) : null}
          <div className="paste-actions">
            <button type="button" className="btn btn-small" onClick={addPasted}>
              Add variables
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setPasting(false)}>
              Close
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setPasting(true)}>
          Paste .env
        </button>
      )}
    </>
  )
}
