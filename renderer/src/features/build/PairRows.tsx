/**
 * Repeating key = value rows (build args, labels). Each control is named with its row number
 * ("Build arg name, row 2") and each key shows its own message.
 */
import type { ReactElement } from 'react'
import { nextRowId, type KeyValueRow } from '../../../../shared/run-form'
import { Icon } from '../../components/Icon'
import { Field } from '../run/Field'

export interface PairRowsProps {
  rows: KeyValueRow[]
  onChange: (rows: KeyValueRow[]) => void
  /** Field ids are `${section}.${rowId}.key`. */
  section: string
  /** "build arg", "label". */
  noun: string
  keyLabel: string
  keyPlaceholder: string
  errorFor: (field: string) => string | null
  onTouch: (field: string) => void
  /** Names to suggest for the key (the Dockerfile's ARGs). */
  suggestions?: readonly string[]
}

export function PairRows({ rows, onChange, section, noun, keyLabel, keyPlaceholder, errorFor, onTouch, suggestions }: PairRowsProps): ReactElement {
  const listId = suggestions && suggestions.length > 0 ? `build-${section}-suggestions` : undefined
  const set = (id: number, patch: Partial<KeyValueRow>): void => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)))
  return (
    <div className="rows">
      {listId ? (
        <datalist id={listId}>
          {suggestions?.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      ) : null}
      {rows.map((row, index) => {
        const n = index + 1
        const field = `${section}.${row.id}.key`
        return (
          <div className="row-fields kv-row" key={row.id}>
            <Field id={`build-${field}`} label={`${keyLabel}, row ${n}`} labelHidden error={errorFor(field)}>
              {(p) => (
                <input {...p} className="input mono" list={listId} placeholder={keyPlaceholder} value={row.key} onChange={(e) => set(row.id, { key: e.currentTarget.value })} onBlur={() => onTouch(field)} />
              )}
            </Field>
            <span className="kv-equals" aria-hidden="true">
              =
            </span>
            <input className="input mono" aria-label={`Value, ${noun} row ${n}`} placeholder="value" value={row.value} onChange={(e) => set(row.id, { value: e.currentTarget.value })} />
            <button type="button" className="icon-btn row-remove" aria-label={`Remove ${noun} row ${n}`} title="Remove row" onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
              <Icon name="close" />
            </button>
          </div>
        )
      })}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { id: nextRowId(), key: '', value: '' }])}>
        Add {noun}
      </button>
    </div>
  )
}
