/** The run dialog's resource limits: CPUs, memory, memory + swap, processes. Off means "no limit". */
import type { ReactElement } from 'react'
import type { RunForm } from '../../../../shared/run-form'
import { GIB, MIB, MIN_MEMORY_BYTES } from '../../../../shared/run-validation'
import { Field } from './Field'
import { CpuSlider, SizeSlider } from './LimitSliders'
import type { HostLimits } from './useRunContext'

export interface LimitFieldsProps {
  form: RunForm
  update: (patch: Partial<RunForm>) => void
  host: HostLimits | null
  errorFor: (field: string) => string | null
  onTouch: (field: string) => void
}

/** Until the engine says, assume a modest machine; the engine still enforces its own limits. */
const FALLBACK_HOST: HostLimits = { cpus: 4, memoryBytes: 8 * GIB }

export function LimitFields({ form, update, host, errorFor, onTouch }: LimitFieldsProps): ReactElement {
  const { cpus: hostCpus, memoryBytes: hostMemory } = host ?? FALLBACK_HOST
  return (
    <div className="limit-fields">
      <label className="check">
        <input type="checkbox" checked={form.cpuLimited} onChange={(e) => update({ cpuLimited: e.currentTarget.checked, cpus: Math.min(form.cpus, hostCpus) })} />
        Limit CPUs
      </label>
      {form.cpuLimited ? (
        <CpuSlider id="run-cpus" label="CPUs" value={form.cpus} max={hostCpus} error={errorFor('resources.nanoCpus')} onChange={(cpus) => update({ cpus })} onCommit={() => onTouch('resources.nanoCpus')} />
      ) : null}

      <label className="check">
        <input type="checkbox" checked={form.memoryLimited} onChange={(e) => update({ memoryLimited: e.currentTarget.checked })} />
        Limit memory
      </label>
      {form.memoryLimited ? (
        <>
          <SizeSlider id="run-memory" label="Memory" value={form.memoryBytes} min={MIN_MEMORY_BYTES} max={hostMemory} error={errorFor('resources.memory')} onChange={(memoryBytes) => update({ memoryBytes })} onCommit={() => onTouch('resources.memory')} />
          <Field id="run-swap-mode" label="Memory + swap" error={null}>
            {(p) => (
              <select {...p} className="select" value={form.swapMode} onChange={(e) => update({ swapMode: e.currentTarget.value as RunForm['swapMode'], swapBytes: Math.max(form.swapBytes, form.memoryBytes) })}>
                <option value="default">Engine default (twice the memory)</option>
                <option value="none">No swap (same as memory)</option>
                <option value="limited">Limited to…</option>
                <option value="unlimited">Unlimited swap</option>
              </select>
            )}
          </Field>
          {form.swapMode === 'limited' ? (
            <SizeSlider id="run-swap" label="Memory + swap limit" value={form.swapBytes} min={MIN_MEMORY_BYTES} max={hostMemory * 2} error={errorFor('resources.memorySwap')} onChange={(swapBytes) => update({ swapBytes })} onCommit={() => onTouch('resources.memorySwap')} />
          ) : null}
        </>
      ) : null}

      <label className="check">
        <input type="checkbox" checked={form.pidsLimited} onChange={(e) => update({ pidsLimited: e.currentTarget.checked })} />
        Limit processes
      </label>
      {form.pidsLimited ? (
        <Field id="run-pids" label="Process limit" error={errorFor('resources.pidsLimit')} hint="How many processes and threads the container may run at once.">
          {(p) => <input {...p} className="input input-short" inputMode="numeric" value={form.pids} onChange={(e) => update({ pids: e.currentTarget.value })} onInput={() => onTouch('resources.pidsLimit')} />}
        </Field>
      ) : null}
      {host ? null : <p className="hint">Reading this engine’s cores and memory… (sliders assume {FALLBACK_HOST.cpus} CPUs and {FALLBACK_HOST.memoryBytes / MIB / 1024} GiB until then)</p>}
    </div>
  )
}
