/**
 * The Engines page's "Berth VM" section: a Linux VM with its own engine that Berth builds, boots
 * and manages. Create it (resources first), start and stop it with its boot phases and times,
 * see whether it runs with KVM or software emulation and why, resize it (applied by a restart,
 * after confirmation), choose whether it starts and stops with Berth, read its serial console,
 * and see which container ports it forwards to this machine. Its engine is listed above like any
 * other, and is used with "Use".
 */
import { useEffect, useState, type ReactElement } from 'react'
import type { VmStatus } from '../../../../shared/vm-models'
import { ErrorAlerts } from '../../components/ErrorAlerts'
import { Spinner } from '../../components/Spinner'
import { useSlice, useStores } from '../../stores/context'
import '../../styles/vm.css'
import { VmBootProgress } from './VmBootProgress'
import { VmDeleteDialog, VmRestartDialog } from './VmDialogs'
import { VmResourcesEditor } from './VmResourcesEditor'
import { VmSerialDialog } from './VmSerialDialog'
import type { VmResources } from '../../../../shared/vm-models'

const STATE_TEXT: Record<VmStatus['state'], { label: string; tone: string }> = {
  absent: { label: 'Not created', tone: 'idle' },
  building: { label: 'Building image', tone: 'warn' },
  stopped: { label: 'Stopped', tone: 'idle' },
  starting: { label: 'Starting', tone: 'warn' },
  running: { label: 'Running', tone: 'ok' },
  stopping: { label: 'Stopping', tone: 'warn' }
}

const GiB = 1024 * 1024 * 1024

type Shown = null | 'serial' | 'delete' | { restartWith: VmResources }

export function VmSection(): ReactElement | null {
  const stores = useStores()
  const status = useSlice(stores.vm, (s) => s.status)
  const busy = useSlice(stores.vm, (s) => s.busy)
  const error = useSlice(stores.vm, (s) => s.error)
  const transport = useSlice(stores.connection, (s) => s.transport)
  const engine = useSlice(stores.engines, (s) => s.engines.find((e) => e.id === status?.engineId))
  const [shown, setShown] = useState<Shown>(null)

  useEffect(() => (transport === 'open' ? stores.vm.getState().watch() : undefined), [stores, transport])
  if (!status) return null
  const vm = stores.vm.getState()
  const state = STATE_TEXT[status.state]
  const exists = status.state !== 'absent'
  const up = status.state === 'running' || status.state === 'starting' || status.state === 'building'
  const facts = engine?.state === 'connected' ? engine.facts : undefined
  const report = facts ? `The VM’s engine reports ${facts.cpus} CPUs and ${(facts.memoryBytes / GiB).toFixed(1)} GiB of memory.` : undefined

  return (
    <section className="setup-section vm-section" aria-labelledby="vm-section-heading">
      <div className="setup-section-head">
        <h2 id="vm-section-heading">Berth VM</h2>
        <span className={`badge badge-${state.tone}`} aria-label={`VM state: ${state.label}`}>
          <span className="badge-dot" />
          {state.label}
        </span>
        {busy ? <Spinner /> : null}
        <span className="setup-section-actions">
          {exists ? (
            <>
              {up ? (
                <button type="button" className="btn btn-small" disabled={busy !== null && busy !== 'start' && busy !== 'create'} onClick={() => void vm.stop()}>
                  Stop
                </button>
              ) : (
                <button type="button" className="btn btn-small btn-primary" disabled={busy !== null || !status.supported} onClick={() => void vm.start()}>
                  Start
                </button>
              )}
              <button type="button" className="btn btn-small" disabled={busy !== null || status.state !== 'running'} onClick={() => void vm.restart()}>
                Restart
              </button>
              <button type="button" className="btn btn-small" onClick={() => setShown('serial')}>
                Serial console…
              </button>
              <button type="button" className="btn btn-small btn-danger-ghost" disabled={busy !== null} onClick={() => setShown('delete')}>
                Delete…
              </button>
            </>
          ) : null}
        </span>
      </div>
      {!status.supported ? <p className="muted">{status.unsupportedReason}</p> : null}
      {!exists && status.supported ? (
        <p className="setup-summary">
          A Linux VM with its own Docker engine, built from Debian’s packages and run by Berth with QEMU. Its containers, images and volumes live on its own
          disk; ports its containers publish are reachable on this machine’s localhost.
        </p>
      ) : null}
      <ErrorAlerts errors={error ? [{ key: 'vm', message: error }] : []} onDismiss={() => vm.dismissError()} />
      {status.problem && !error ? (
        <p role="status" className="vm-problem">
          {status.problem}
        </p>
      ) : null}
      {status.acceleration && exists ? (
        <p className="muted vm-acceleration">
          <strong>{status.acceleration.kind === 'kvm' ? 'Hardware virtualisation (KVM)' : 'Software emulation (TCG)'}</strong> — {status.acceleration.reason}
        </p>
      ) : null}
      <VmBootProgress status={status} />
      {status.ports.length > 0 ? (
        <ul className="vm-ports" aria-label="Forwarded ports">
          {status.ports.map((port) => (
            <li key={`${port.protocol}/${port.port}`} className={port.problem ? 'has-problem' : ''}>
              {port.problem ? (
                <span>{port.problem}</span>
              ) : (
                <span>
                  {port.protocol === 'tcp' ? (
                    <a href={`http://localhost:${port.port}`} target="_blank" rel="noreferrer">
                      localhost:{port.port}
                    </a>
                  ) : (
                    `localhost:${port.port}/udp`
                  )}{' '}
                  → {port.container}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {status.supported ? (
        <div className="vm-details">
          <h3 className="vm-subheading">Resources{status.pendingResources ? ' (the new values apply at the next start)' : ''}</h3>
          <VmResourcesEditor
            key={JSON.stringify(status.pendingResources ?? status.resources) + String(exists)}
            initial={status.pendingResources ?? status.resources}
            limits={status.limits}
            disabled={busy !== null || status.state === 'stopping'}
            submitLabel={!exists ? 'Create and start' : status.state === 'running' ? 'Apply and restart…' : 'Apply'}
            secondaryLabel={status.state === 'running' ? 'Save for next start' : undefined}
            engineReport={report}
            onSubmit={(resources, secondary) => {
              if (!exists) void vm.create(resources)
              else if (status.state !== 'running') void vm.setResources(resources, false)
              else if (secondary) void vm.setResources(resources, false)
              else setShown({ restartWith: resources })
            }}
          />
        </div>
      ) : null}
      {exists ? (
        <fieldset className="vm-options">
          <legend className="visually-hidden">VM options</legend>
          <label>
            <input type="checkbox" checked={status.options.startWithBerth} disabled={busy === 'options'} onChange={(event) => void vm.setOptions({ startWithBerth: event.currentTarget.checked })} />
            Start the VM when Berth starts
          </label>
          <label>
            <input type="checkbox" checked={status.options.keepRunning} disabled={busy === 'options'} onChange={(event) => void vm.setOptions({ keepRunning: event.currentTarget.checked })} />
            Keep it running when Berth quits{status.state === 'running' ? ' (from its next start)' : ''}
          </label>
        </fieldset>
      ) : null}
      {shown === 'serial' ? <VmSerialDialog onClose={() => setShown(null)} /> : null}
      {shown === 'delete' ? (
        <VmDeleteDialog
          onClose={() => setShown(null)}
          onConfirm={() => {
            setShown(null)
            void vm.remove()
          }}
        />
      ) : null}
      {shown !== null && typeof shown === 'object' ? (
        <VmRestartDialog
          resources={shown.restartWith}
          onClose={() => setShown(null)}
          onConfirm={() => {
            setShown(null)
            void vm.setResources(shown.restartWith, true)
          }}
        />
      ) : null}
    </section>
  )
}
