/**
 * The repeating rows of the run dialog: ports, volumes, and key/value pairs (env, labels).
 * Each control is named with its row number ("Host port, row 2") so it can be found by keyboard
 * and screen-reader users, and each shows its own message.
 */
import type { ReactElement } from 'react'
import { nextRowId, type KeyValueRow, type MountRow, type PortRow } from '../../../../shared/run-form'
import { Icon } from '../../components/Icon'
import { Field } from './Field'

export interface RowsProps<R> {
  rows: R[]
  onChange: (rows: R[]) => void
  /** The message to show for a field id, or null. */
  errorFor: (field: string) => string | null
  onTouch: (field: string) => void
}

function replaceRow<R extends { id: number }>(rows: R[], id: number, patch: Partial<R>): R[] {
  return rows.map((row) => (row.id === id ? { ...row, ...patch } : row))
}

function RemoveRow({ label, onRemove }: { label: string; onRemove: () => void }): ReactElement {
  return (
    <button type="button" className="icon-btn row-remove" aria-label={label} title="Remove row" onClick={onRemove}>
      <Icon name="close" />
    </button>
  )
}

export function PortRows(props: RowsProps<PortRow> & { onPickFree: (row: PortRow) => void; picking: number | null }): ReactElement {
  const { rows, onChange, errorFor, onTouch, onPickFree, picking } = props
  return (
    <div className="rows">
      {rows.map((row, index) => {
        const n = index + 1
        const field = (name: string): string => `ports.${row.id}.${name}`
        const set = (patch: Partial<PortRow>): void => onChange(replaceRow(rows, row.id, patch))
        return (
          <div className="row-fields port-row" key={row.id}>
            <Field id={`run-${field('hostIp')}`} label={`Host IP, row ${n}`} labelHidden error={errorFor(field('hostIp'))}>
              {(p) => <input {...p} className="input" placeholder="all addresses" value={row.hostIp} onChange={(e) => set({ hostIp: e.currentTarget.value })} onInput={() => onTouch(field('hostIp'))} />}
            </Field>
            <Field id={`run-${field('hostPort')}`} label={`Host port, row ${n}`} labelHidden error={errorFor(field('hostPort'))}>
              {(p) => <input {...p} className="input" inputMode="numeric" placeholder="random" value={row.hostPort} onChange={(e) => set({ hostPort: e.currentTarget.value })} onInput={() => onTouch(field('hostPort'))} />}
            </Field>
            <button type="button" className="btn btn-small" onClick={() => onPickFree(row)} disabled={picking === row.id} aria-label={`Pick a free port, row ${n}`}>
              {picking === row.id ? 'Picking…' : 'Pick a free port'}
            </button>
            <Field id={`run-${field('containerPort')}`} label={`Container port, row ${n}`} labelHidden error={errorFor(field('containerPort'))}>
              {(p) => <input {...p} className="input" inputMode="numeric" placeholder="e.g. 80" value={row.containerPort} onChange={(e) => set({ containerPort: e.currentTarget.value })} onInput={() => onTouch(field('containerPort'))} />}
            </Field>
            <select className="select" aria-label={`Protocol, row ${n}`} value={row.protocol} onChange={(e) => set({ protocol: e.currentTarget.value as PortRow['protocol'] })}>
              <option value="tcp">tcp</option>
              <option value="udp">udp</option>
            </select>
            <RemoveRow label={`Remove port row ${n}`} onRemove={() => onChange(rows.filter((r) => r.id !== row.id))} />
          </div>
        )
      })}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { id: nextRowId(), hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' }])}>
        Add port
      </button>
    </div>
  )
}

export function MountRows(props: RowsProps<MountRow> & { volumeNames: readonly string[]; onVm?: boolean }): ReactElement {
  const { rows, onChange, errorFor, onTouch, volumeNames, onVm } = props
  return (
    <div className="rows">
      <datalist id="run-volume-names">
        {volumeNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {rows.map((row, index) => {
        const n = index + 1
        const field = (name: string): string => `mounts.${row.id}.${name}`
        const set = (patch: Partial<MountRow>): void => onChange(replaceRow(rows, row.id, patch))
        return (
          <div className="row-fields mount-row" key={row.id}>
            <select className="select" aria-label={`Mount type, row ${n}`} value={row.type} onChange={(e) => set({ type: e.currentTarget.value as MountRow['type'] })}>
              <option value="volume">Named volume</option>
              <option value="bind">Bind mount</option>
            </select>
            <Field id={`run-${field('source')}`} label={row.type === 'bind' ? `Host path, row ${n}` : `Volume name, row ${n}`} labelHidden error={errorFor(field('source'))}>
              {(p) => (
                <input {...p} className="input" list={row.type === 'volume' ? 'run-volume-names' : undefined} placeholder={row.type === 'bind' ? '/absolute/host/path' : 'volume name'} value={row.source} onChange={(e) => set({ source: e.currentTarget.value })} onInput={() => onTouch(field('source'))} />
              )}
            </Field>
            <Field id={`run-${field('target')}`} label={`Container path, row ${n}`} labelHidden error={errorFor(field('target'))}>
              {(p) => <input {...p} className="input" placeholder="/path/in/container" value={row.target} onChange={(e) => set({ target: e.currentTarget.value })} onInput={() => onTouch(field('target'))} />}
            </Field>
            <label className="check">
              <input type="checkbox" checked={row.readOnly} onChange={(e) => set({ readOnly: e.currentTarget.checked })} aria-label={`Read-only, row ${n}`} />
              Read-only
            </label>
            <RemoveRow label={`Remove volume row ${n}`} onRemove={() => onChange(rows.filter((r) => r.id !== row.id))} />
          </div>
        )
      })}
      {onVm && rows.some((row) => row.type === 'bind') ? (
        <p className="field-hint" role="note">
          The Berth VM does not share this machine’s folders yet: a bind mount’s host path is a path inside the VM. Use a named volume to keep data.
        </p>
      ) : null}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { id: nextRowId(), type: 'volume', source: '', target: '', readOnly: false }])}>
        Add volume
      </button>
    </div>
  )
}

export function KeyValueRows(props: RowsProps<KeyValueRow> & { section: 'env' | 'labels'; noun: string; keyLabel: string }): ReactElement {
  const { rows, onChange, errorFor, onTouch, section, noun, keyLabel } = props
  return (
    <div className="rows">
      {rows.map((row, index) => {
        const n = index + 1
        const field = `${section}.${row.id}.key`
        const set = (patch: Partial<KeyValueRow>): void => onChange(replaceRow(rows, row.id, patch))
        return (
          <div className="row-fields kv-row" key={row.id}>
            <Field id={`run-${field}`} label={`${keyLabel}, row ${n}`} labelHidden error={errorFor(field)}>
              {(p) => <input {...p} className="input mono" placeholder={keyLabel} value={row.key} onChange={(e) => set({ key: e.currentTarget.value })} onInput={() => onTouch(field)} />}
            </Field>
            <span className="kv-equals" aria-hidden="true">=</span>
            <input className="input mono" aria-label={`Value, ${noun} row ${n}`} placeholder="value" value={row.value} onChange={(e) => set({ value: e.currentTarget.value })} />
            <RemoveRow label={`Remove ${noun} row ${n}`} onRemove={() => onChange(rows.filter((r) => r.id !== row.id))} />
          </div>
        )
      })}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { id: nextRowId(), key: '', value: '' }])}>
        Add {noun}
      </button>
    </div>
  )
}
