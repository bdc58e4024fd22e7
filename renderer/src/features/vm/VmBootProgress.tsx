/**
 * Where a boot is: a bar over the four phases (QEMU started → kernel → SSH → engine) with the time
 * each was reached, and, while the image is being built, the build's steps.
 */
import type { ReactElement } from 'react'
import { BOOT_PHASE_LABELS, BOOT_PHASES, type VmStatus } from '../../../../shared/vm-models'

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

export function VmBootProgress({ status }: { status: VmStatus }): ReactElement | null {
  if (status.state === 'building' && status.build) {
    const { build } = status
    return (
      <div className="vm-progress">
        <progress aria-label="Building the VM image" max={build.total} value={build.done} />
        <span className="muted">
          Building the VM image from Debian’s packages: {build.step} ({seconds(build.elapsedMs)}). Only the first start does this.
        </span>
      </div>
    )
  }
  if (status.phases.length === 0) return null
  const reached = new Map(status.phases.map((mark) => [mark.phase, mark.atMs]))
  const booting = status.state === 'starting'
  return (
    <div className="vm-progress">
      {booting ? <progress aria-label="VM boot progress" max={BOOT_PHASES.length} value={status.phases.length} /> : null}
      <ol className="vm-phases" aria-label="Boot phases">
        {BOOT_PHASES.map((phase) => {
          const at = reached.get(phase)
          const current = booting && at === undefined && BOOT_PHASES.indexOf(phase) === status.phases.length
          return (
            <li key={phase} className={at !== undefined ? 'is-done' : current ? 'is-current' : ''}>
              <span className="vm-phase-name">{BOOT_PHASE_LABELS[phase]}</span>
              <span className="vm-phase-time">{at !== undefined ? seconds(at) : current ? '…' : ''}</span>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
