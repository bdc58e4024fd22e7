/**
 * The VM's resources: CPUs, memory, disk (grow-only) and swap, each a slider with a number box,
 * ranges from this host (the core's VmLimits). Checked as typed with the same words as the core;
 * nothing is sent while a field has a problem. Beside them, what the VM's engine itself reports
 * (`docker info`: CPUs and memory), so a change can be seen to have applied.
 */
import { useId, useState, type ReactElement } from 'react'
import '../../styles/run.css'
import { vmResourcesProblems, type VmLimits, type VmResources, type VmResourcesField, type VmResourcesForm } from '../../../../shared/vm-models'

export function formOf(resources: VmResources): VmResourcesForm {
  return { cpus: String(resources.cpus), memoryMiB: String(resources.memoryMiB), diskGiB: String(resources.diskGiB), swapMiB: String(resources.swapMiB) }
}

export function resourcesOf(form: VmResourcesForm): VmResources {
  return { cpus: Number(form.cpus), memoryMiB: Number(form.memoryMiB), diskGiB: Number(form.diskGiB), swapMiB: Number(form.swapMiB) }
}

interface SliderSpec {
  field: VmResourcesField
  label: string
  unit: string
  min: number
  max: number
  step: number
}

function specs(limits: VmLimits, memoryMiB: number): SliderSpec[] {
  return [
    { field: 'cpus', label: 'CPUs', unit: `of ${limits.maxCpus}`, min: 1, max: limits.maxCpus, step: 1 },
    { field: 'memoryMiB', label: 'Memory', unit: 'MiB', min: limits.minMemoryMiB, max: limits.maxMemoryMiB, step: 256 },
    { field: 'diskGiB', label: 'Disk', unit: 'GiB', min: limits.minDiskGiB, max: limits.maxDiskGiB, step: 1 },
    { field: 'swapMiB', label: 'Swap', unit: 'MiB', min: 0, max: Math.max(0, Number.isFinite(memoryMiB) ? memoryMiB : limits.minMemoryMiB), step: 256 }
  ]
}

function IntSlider({ spec, value, problem, disabled, onChange }: { spec: SliderSpec; value: string; problem?: string; disabled: boolean; onChange: (text: string) => void }): ReactElement {
  const id = useId()
  const errorId = `${id}-error`
  const invalid = problem ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {}
  const numeric = Number(value)
  return (
    <div className={`field slider-field${problem ? ' has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {spec.label}
      </label>
      <div className="slider-row">
        <input
          id={id}
          type="range"
          min={spec.min}
          max={spec.max}
          step={spec.step}
          value={Number.isFinite(numeric) ? Math.min(Math.max(numeric, spec.min), spec.max) : spec.min}
          disabled={disabled}
          aria-valuetext={`${value} ${spec.unit}`}
          onChange={(event) => onChange(event.currentTarget.value)}
          {...invalid}
        />
        <input
          type="text"
          inputMode="numeric"
          className="slider-number"
          aria-label={`${spec.label} (number, ${spec.unit.startsWith('of') ? 'CPUs' : spec.unit})`}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.currentTarget.value)}
          {...invalid}
        />
        <span className="slider-unit">{spec.unit}</span>
      </div>
      {problem ? (
        <span id={errorId} className="field-error">
          {problem}
        </span>
      ) : null}
    </div>
  )
}

export function VmResourcesEditor({
  initial,
  limits,
  disabled,
  submitLabel,
  secondaryLabel,
  onSubmit,
  engineReport
}: {
  initial: VmResources
  limits: VmLimits
  disabled: boolean
  submitLabel: string
  /** A second way to apply (e.g. "Save for next start" beside "Apply and restart"). */
  secondaryLabel?: string
  onSubmit: (resources: VmResources, secondary: boolean) => void
  engineReport?: string
}): ReactElement {
  const [form, setForm] = useState<VmResourcesForm>(() => formOf(initial))
  const [tried, setTried] = useState(false)
  const problems = vmResourcesProblems(form, limits)
  const hasProblems = Object.keys(problems).length > 0
  const changed = JSON.stringify(resourcesOf(form)) !== JSON.stringify(initial)
  const submit = (secondary: boolean) => {
    setTried(true)
    if (!hasProblems) onSubmit(resourcesOf(form), secondary)
  }
  return (
    <form
      className="vm-resources"
      aria-label="VM resources"
      onSubmit={(event) => {
        event.preventDefault()
        submit(false)
      }}
    >
      {specs(limits, Number(form.memoryMiB)).map((spec) => (
        <IntSlider
          key={spec.field}
          spec={spec}
          value={form[spec.field]}
          problem={tried || form[spec.field] !== formOf(initial)[spec.field] ? problems[spec.field] : undefined}
          disabled={disabled}
          onChange={(text) => setForm((current) => ({ ...current, [spec.field]: text }))}
        />
      ))}
      {engineReport ? <p className="muted vm-engine-report">{engineReport}</p> : null}
      <div className="vm-resources-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={disabled || (!changed && submitLabel !== 'Create and start')}>
          {submitLabel}
        </button>
        {secondaryLabel ? (
          <button type="button" className="btn btn-small" disabled={disabled || !changed} onClick={() => submit(true)}>
            {secondaryLabel}
          </button>
        ) : null}
      </div>
    </form>
  )
}
