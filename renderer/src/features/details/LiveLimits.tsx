/**
 * Live resource limits: sliders that apply with containers.update when a change is finished.
 * Memory and memory + swap always travel together (the engine refuses memory above the current
 * swap limit otherwise). Conflicts come back in words from the handler; a container created
 * with --cpu-quota is offered the equivalent quota. "now: …" is re-read from inspect after each
 * apply, and the Stats tab charts the new memory limit live.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react'
import type { Limits } from '../../../../shared/run-models'
import type { ResourceLimits } from '../../../../shared/run-validation'
import { MIN_MEMORY_BYTES, checkResources } from '../../../../shared/run-validation'
import { isRpcError } from '../../../../shared/errors'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { CpuSlider, SizeSlider, formatCpus, formatSize } from '../run/LimitSliders'
import type { HostLimits } from '../run/useRunContext'

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

export function LiveLimits({ containerId, limits, host, reload, onShowStats }: LiveLimitsProps): ReactElement {
  const { client } = useStores()
  const [cpus, setCpus] = useState(() => cpusOf(limits, host.cpus))
  const [memory, setMemory] = useState(limits.memory || Math.min(512 * 1024 * 1024, host.memoryBytes))
  const [swapUnlimited, setSwapUnlimited] = useState(limits.memorySwap === -1)
  const [swap, setSwap] = useState(limits.memorySwap > 0 ? limits.memorySwap : memory * 2)
  const [pids, setPids] = useState(limits.pidsLimit > 0 ? String(limits.pidsLimit) : '')
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  // What each group last sent: a blur or pointer-up that changed nothing must not send it again
  // (nor replace a conflict message the person is about to act on).
  const lastSent = useRef<Partial<Record<Group, string>>>({})

  // Follow the engine when it changes underneath (another client, an apply finishing).
  useEffect(() => {
    setCpus(cpusOf(limits, host.cpus))
    if (limits.memory > 0) setMemory(limits.memory)
    setSwapUnlimited(limits.memorySwap === -1)
    if (limits.memorySwap > 0) setSwap(limits.memorySwap)
    setPids(limits.pidsLimit > 0 ? String(limits.pidsLimit) : '')
  }, [limits, host.cpus])

  async function apply(group: Group, resources: ResourceLimits): Promise<void> {
    const issues = checkResources(resources, { hostCpus: host.cpus, hostMemoryBytes: host.memoryBytes })
    setErrors(Object.fromEntries(issues.map((i) => [i.field, i.message])))
    if (issues.length > 0) return
    const key = JSON.stringify(resources)
    if (lastSent.current[group] === key) return
    lastSent.current[group] = key
    setOutcome({ group, kind: 'applying', message: 'Applying…' })
    try {
      const { warnings } = await client.call('containers.update', { id: containerId, resources })
      await reload()
      setOutcome({ group, kind: 'applied', message: ['Applied.', ...warnings].join(' ') })
    } catch (err) {
      const detail = isRpcError(err) ? (err.detail as { equivalent?: ResourceLimits } | undefined) : undefined
      setOutcome({ group, kind: 'failed', message: describeError(err), ...(detail?.equivalent ? { equivalent: detail.equivalent } : {}) })
    }
  }

  // A commit that leaves the value where the engine has it is not a change.
  const applyCpu = async (): Promise<void> => {
    if (Math.abs(cpus - cpusOf(limits, host.cpus)) < 0.005) return
    await apply('cpu', { nanoCpus: Math.round(cpus * 1e9) })
  }
  // Memory and memory + swap go together, always.
  const applyMemory = async (nextMemory = memory, nextSwap = swap, unlimited = swapUnlimited): Promise<void> => {
    const memorySwap = unlimited ? -1 : nextSwap
    if (nextMemory === limits.memory && memorySwap === limits.memorySwap) return
    await apply('memory', { memory: nextMemory, memorySwap })
  }
  const applyPids = (): Promise<void> => {
    const value = pids.trim() === '' ? -1 : Number(pids)
    return apply('pids', { pidsLimit: Number.isInteger(value) ? value : Number.NaN })
  }

  const now = describeLimits(limits)
  const status = (group: Group): ReactElement | null =>
    outcome?.group === group ? (
      <div className={`limit-outcome is-${outcome.kind}`} role={outcome.kind === 'failed' ? 'alert' : 'status'}>
        <span>{outcome.message}</span>
        {outcome.equivalent ? (
          <button type="button" className="btn btn-small" onClick={() => void apply(group, outcome.equivalent as ResourceLimits)}>
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

  return (
    <div className="live-limits">
      <div className="limit-block">
        <CpuSlider id="live-cpus" label="CPUs" value={cpus} max={host.cpus} error={errors['resources.nanoCpus']} onChange={setCpus} onCommit={() => void applyCpu()} />
        <span className="limit-now">now: {now.cpu}</span>
        {status('cpu')}
      </div>
      <div className="limit-block">
        <SizeSlider id="live-memory" label="Memory" value={memory} min={MIN_MEMORY_BYTES} max={host.memoryBytes} error={errors['resources.memory']} onChange={setMemory} onCommit={() => void applyMemory()} />
        <span className="limit-now">now: {now.memory}</span>
        <label className="check">
          <input
            type="checkbox"
            checked={swapUnlimited}
            onChange={(e) => {
              const on = e.currentTarget.checked
              setSwapUnlimited(on)
              void applyMemory(memory, swap, on)
            }}
          />
          Unlimited swap
        </label>
        {swapUnlimited ? null : (
          <SizeSlider id="live-swap" label="Memory + swap" value={swap} min={MIN_MEMORY_BYTES} max={host.memoryBytes * 2} error={errors['resources.memorySwap']} onChange={setSwap} onCommit={() => void applyMemory()} />
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
            <input id="live-pids" className="input input-short" inputMode="numeric" placeholder="no limit" value={pids} aria-invalid={errors['resources.pidsLimit'] ? true : undefined} aria-describedby={errors['resources.pidsLimit'] ? 'live-pids-error' : undefined} onChange={(e) => setPids(e.currentTarget.value)} onKeyUp={(e) => e.key === 'Enter' && void applyPids()} />
            <button type="button" className="btn btn-small" onClick={() => void applyPids()}>
              Apply process limit
            </button>
          </div>
          {errors['resources.pidsLimit'] ? <span id="live-pids-error" className="field-error">{errors['resources.pidsLimit']}</span> : null}
        </div>
        <span className="limit-now">now: {now.pids}</span>
        {status('pids')}
      </div>
      <p className="hint">
        Changes apply when you let go of a slider (or press Enter). The engine can raise or lower a limit but not remove one from a
        running container: move the slider to the maximum instead.
      </p>
    </div>
  )
}
