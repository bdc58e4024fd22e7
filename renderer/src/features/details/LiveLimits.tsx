/**
 * Live resource limits: sliders that apply with containers.update when a change is finished.
 * Memory and memory + swap always travel together (the engine refuses memory above the current
 * swap limit otherwise). Conflicts come back in words from the handler; a container created
 * with --cpu-quota is offered the equivalent quota. "now: …" is re-read from inspect after each
 * apply, and the Stats tab charts the new memory limit live. A value being edited is a draft
 * (useDraft): it survives re-reads until it is applied or cancelled (button or Escape).
 * On an engine that can't change a running container's limits (Podman 4's compatible API), the
 * reason says what to do instead and the limits the container has are listed, without controls:
 * disabled sliders stood at their starting points (all CPUs, 512 MiB), which read like limits.
 */
import { useRef, useState, type ReactElement } from 'react'
import type { Limits } from '../../../../shared/run-models'
import type { ResourceLimits } from '../../../../shared/run-validation'
import { MIN_MEMORY_BYTES, checkResources } from '../../../../shared/run-validation'
import { isRpcError } from '../../../../shared/errors'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { CpuSlider, SizeSlider, formatCpus, formatSize } from '../run/LimitSliders'
import type { HostLimits } from '../run/useRunContext'
import { useDraft } from './useDraft'
import { missingReason, useCapability } from '../engines/useCapability'

type Group = 'cpu' | 'memory' | 'pids'

interface Outcome {
  group: Group
  kind: 'applying' | 'applied' | 'failed'
  message: string
  equivalent?: ResourceLimits
}

export interface LiveLimitsProps {
  containerId: string
  limits: Limits
  host: HostLimits
  reload: () => Promise<unknown>
  onShowStats: () => void
}

function cpusOf(limits: Limits, hostCpus: number): number {
  if (limits.nanoCpus > 0) return limits.nanoCpus / 1e9
  if (limits.cpuQuota > 0) return limits.cpuQuota / (limits.cpuPeriod || 100_000)
  return hostCpus
}

export function describeLimits(limits: Limits): { cpu: string; memory: string; swap: string; pids: string } {
  const quota = limits.cpuQuota > 0 ? limits.cpuQuota / (limits.cpuPeriod || 100_000) : 0
  return {
    cpu: limits.nanoCpus > 0 ? formatCpus(limits.nanoCpus / 1e9) : quota > 0 ? `${formatCpus(quota)} (CPU quota)` : 'no limit',
    memory: limits.memory > 0 ? formatSize(limits.memory) : 'no limit',
    swap: limits.memorySwap === -1 ? 'unlimited swap' : limits.memorySwap > 0 ? formatSize(limits.memorySwap) : 'engine default',
    pids: limits.pidsLimit > 0 ? String(limits.pidsLimit) : 'no limit'
  }
}

const ERROR_FIELDS: Record<Group, string[]> = {
  cpu: ['resources.nanoCpus'],
  memory: ['resources.memory', 'resources.memorySwap'],
  pids: ['resources.pidsLimit']
}

const CANCEL_LABELS: Record<Group, string> = {
  cpu: 'Cancel CPU change',
  memory: 'Cancel memory change',
  pids: 'Cancel process limit change'
}

export function LiveLimits({ containerId, limits, host, reload, onShowStats }: LiveLimitsProps): ReactElement {
  const { client } = useStores()
  const unavailable = missingReason(useCapability('liveLimits'))
  // Each field shows the engine's value until touched, then the person's draft (see useDraft).
  const engineMemory = limits.memory || Math.min(512 * 1024 * 1024, host.memoryBytes)
  const cpus = useDraft(cpusOf(limits, host.cpus))
  const memory = useDraft(engineMemory)
  const swapUnlimited = useDraft(limits.memorySwap === -1)
  const swap = useDraft(limits.memorySwap > 0 ? limits.memorySwap : engineMemory * 2)
  const pids = useDraft(limits.pidsLimit > 0 ? String(limits.pidsLimit) : '')
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  // What each group last sent: a blur or pointer-up that changed nothing must not send it again
  // (nor replace a conflict message the person is about to act on).
  const lastSent = useRef<Partial<Record<Group, string>>>({})

  const dirty: Record<Group, boolean> = {
    cpu: cpus.dirty,
    memory: memory.dirty || swap.dirty || swapUnlimited.dirty,
    pids: pids.dirty
  }

  /** Sends one group's change; true when the engine took it (and inspect has been re-read). */
  async function apply(group: Group, resources: ResourceLimits): Promise<boolean> {
    // A blur or key event can still arrive from a control that was just taken away.
    if (unavailable !== null) return false
    const issues = checkResources(resources, { hostCpus: host.cpus, hostMemoryBytes: host.memoryBytes })
    setErrors(Object.fromEntries(issues.map((i) => [i.field, i.message])))
    if (issues.length > 0) return false
    const key = JSON.stringify(resources)
    if (lastSent.current[group] === key) return false
    lastSent.current[group] = key
    setOutcome({ group, kind: 'applying', message: 'Applying…' })
    try {
      const { warnings } = await client.call('containers.update', { id: containerId, resources })
      await reload()
      delete lastSent.current[group]
      setOutcome({ group, kind: 'applied', message: ['Applied.', ...warnings].join(' ') })
      return true
    } catch (err) {
      const detail = isRpcError(err) ? (err.detail as { equivalent?: ResourceLimits } | undefined) : undefined
      setOutcome({ group, kind: 'failed', message: describeError(err), ...(detail?.equivalent ? { equivalent: detail.equivalent } : {}) })
      return false
    }
  }

  /** Drops a group's draft: its fields show the engine's values again, and its messages go. */
  function cancel(group: Group): void {
    if (group === 'cpu') cpus.discard()
    if (group === 'memory') [memory, swap, swapUnlimited].forEach((draft) => draft.discard())
    if (group === 'pids') pids.discard()
    delete lastSent.current[group]
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !ERROR_FIELDS[group].includes(field))))
    setOutcome((current) => (current?.group === group && current.kind !== 'applying' ? null : current))
  }

  // A commit that leaves the value where the engine has it is not a change.
  const applyCpu = async (): Promise<void> => {
    if (!cpus.dirty) return
    const sent = cpus.value
    if (Math.abs(sent - cpusOf(limits, host.cpus)) < 0.005) return cancel('cpu')
    if (await apply('cpu', { nanoCpus: Math.round(sent * 1e9) })) cpus.settle(sent)
  }
  // Memory and memory + swap go together, always.
  const applyMemory = async (nextMemory = memory.value, nextSwap = swap.value, unlimited = swapUnlimited.value): Promise<void> => {
    const memorySwap = unlimited ? -1 : nextSwap
    if (nextMemory === limits.memory && memorySwap === limits.memorySwap) return cancel('memory')
    if (!(await apply('memory', { memory: nextMemory, memorySwap }))) return
    memory.settle(nextMemory)
    swap.settle(nextSwap)
    swapUnlimited.settle(unlimited)
  }
  const applyPids = async (): Promise<void> => {
    const sent = pids.value
    const value = sent.trim() === '' ? -1 : Number(sent)
    if (await apply('pids', { pidsLimit: Number.isInteger(value) ? value : Number.NaN })) pids.settle(sent)
  }
  const commitMemory = (): void => {
    if (dirty.memory) void applyMemory()
  }
  const applyEquivalent = async (group: Group, equivalent: ResourceLimits): Promise<void> => {
    if (await apply(group, equivalent)) cancel(group)
  }

  const now = describeLimits(limits)
  const status = (group: Group): ReactElement | null =>
    outcome?.group === group ? (
      <div className={`limit-outcome is-${outcome.kind}`} role={outcome.kind === 'failed' ? 'alert' : 'status'}>
        <span>{outcome.message}</span>
        {outcome.equivalent ? (
          <button type="button" className="btn btn-small" onClick={() => void applyEquivalent(group, outcome.equivalent as ResourceLimits)}>
            Apply the equivalent quota
          </button>
        ) : null}
        {outcome.kind === 'applied' && group === 'memory' ? (
          <button type="button" className="btn btn-small btn-ghost" onClick={onShowStats}>
            See it in Stats
          </button>
        ) : null}
      </div>
    ) : null
  /** "now: …" and, while a draft waits, the way back to it. */
  const nowLine = (group: Group, text: string): ReactElement => (
    <div className="limit-now-row">
      <span className="limit-now">now: {text}</span>
      {dirty[group] && !(outcome?.group === group && outcome.kind === 'applying') ? (
        <button type="button" className="btn btn-small btn-ghost" aria-label={CANCEL_LABELS[group]} onClick={() => cancel(group)}>
          Cancel
        </button>
      ) : null}
    </div>
  )

  if (unavailable !== null) {
    return (
      <div className="live-limits" role="group" aria-label="Live resource limits" aria-describedby="live-limits-unavailable">
        <p id="live-limits-unavailable" className="capability-note" role="note">
          {unavailable}
        </p>
        <dl className="facts">
          <dt>CPUs</dt>
          <dd>{now.cpu}</dd>
          <dt>Memory</dt>
          <dd>{now.memory}</dd>
          <dt>Memory + swap</dt>
          <dd>{now.swap}</dd>
          <dt>Process limit</dt>
          <dd>{now.pids}</dd>
        </dl>
      </div>
    )
  }

  return (
    <fieldset className="live-limits" aria-label="Live resource limits">
      <div className="limit-block">
        <CpuSlider id="live-cpus" label="CPUs" value={cpus.value} max={host.cpus} error={errors['resources.nanoCpus']} onChange={cpus.set} onCommit={() => void applyCpu()} onCancel={() => cancel('cpu')} />
        {nowLine('cpu', now.cpu)}
        {status('cpu')}
      </div>
      <div className="limit-block">
        <SizeSlider id="live-memory" label="Memory" value={memory.value} min={MIN_MEMORY_BYTES} max={host.memoryBytes} error={errors['resources.memory']} onChange={memory.set} onCommit={commitMemory} onCancel={() => cancel('memory')} />
        {nowLine('memory', now.memory)}
        <label className="check">
          <input
            type="checkbox"
            checked={swapUnlimited.value}
            onChange={(e) => {
              const on = e.currentTarget.checked
              swapUnlimited.set(on)
              void applyMemory(memory.value, swap.value, on)
            }}
          />
          Unlimited swap
        </label>
        {swapUnlimited.value ? null : (
          <SizeSlider id="live-swap" label="Memory + swap" value={swap.value} min={MIN_MEMORY_BYTES} max={host.memoryBytes * 2} error={errors['resources.memorySwap']} onChange={swap.set} onCommit={commitMemory} onCancel={() => cancel('memory')} />
        )}
        <span className="limit-now">now: memory + swap {now.swap}</span>
        {status('memory')}
      </div>
      <div className="limit-block">
        <div className={`field${errors['resources.pidsLimit'] ? ' has-error' : ''}`}>
          <label htmlFor="live-pids" className="field-label">
            Process limit
          </label>
          <div className="slider-row">
            <input
              id="live-pids"
              className="input input-short"
              inputMode="numeric"
              placeholder="no limit"
              value={pids.value}
                aria-invalid={errors['resources.pidsLimit'] ? true : undefined}
              aria-describedby={errors['resources.pidsLimit'] ? 'live-pids-error' : undefined}
              onChange={(e) => pids.set(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && cancel('pids')}
              onKeyUp={(e) => e.key === 'Enter' && void applyPids()}
            />
            <button type="button" className="btn btn-small" onClick={() => void applyPids()}>
              Apply process limit
            </button>
          </div>
          {errors['resources.pidsLimit'] ? <span id="live-pids-error" className="field-error">{errors['resources.pidsLimit']}</span> : null}
        </div>
        {nowLine('pids', now.pids)}
        {status('pids')}
      </div>
      <p className="hint">
        Changes apply when you let go of a slider (or press Enter); Escape or Cancel puts back what the engine has. The engine can
        raise or lower a limit but not remove one from a running container: move the slider to the maximum instead.
      </p>
    </fieldset>
  )
}
