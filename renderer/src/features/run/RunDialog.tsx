/**
 * "Run a container": every docker-run setting people commonly need, each validated next to its
 * field by shared/run-validation (the same rules the RPC boundary enforces). Nothing is sent to
 * the engine while any field is invalid. On success the container is started and its details open.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactElement } from 'react'
import { checkRunForm, emptyRunForm, type PortRow, type RunForm } from '../../../../shared/run-form'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { missingImage, PullOffer } from '../distribution/PullOffer'
import { EnvFields } from './EnvFields'
import { GeneralFields } from './GeneralFields'
import { LimitFields } from './LimitFields'
import { KeyValueRows, MountRows, PortRows } from './RowFields'
import { useHostLimits, useRunContext } from './useRunContext'
import '../../styles/run.css'

const TOUCH_DELAY_MS = 600

export interface RunDialogProps {
  initialImage: string
  onClose: () => void
  /** Called with the new container's id once it runs. */
  onStarted: (id: string) => void
}

export function RunDialog({ initialImage, onClose, onStarted }: RunDialogProps): ReactElement {
  const { client, images, volumes, networks, engines } = useStores()
  // The Berth VM does not share this machine's folders: bind mounts there name paths inside the VM.
  const onVm = useSlice(engines, (s) => s.engines.some((e) => e.active && e.source === 'vm'))
  const imageItems = useSlice(images, (s) => s.items)
  const imagesLoaded = useSlice(images, (s) => s.loaded)
  const volumeItems = useSlice(volumes, (s) => s.items)
  const networkItems = useSlice(networks, (s) => s.items)
  const host = useHostLimits()
  const context = useRunContext(host)
  const formId = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const [form, setForm] = useState<RunForm>(() => emptyRunForm(initialImage))
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set())
  const [attempts, setAttempts] = useState(0)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [picking, setPicking] = useState<number | null>(null)

  const checked = useMemo(() => checkRunForm(form, context), [form, context])
  const errorFor = (field: string): string | null => (attempts > 0 || touched.has(field) ? (checked.issues.get(field) ?? null) : null)
  // A field's message shows once typing in it pauses (not on blur: a message appearing on blur
  // shifts the layout under the pointer and swallows the click that caused the blur).
  const touchTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>())
  const touch = (field: string): void => {
    clearTimeout(touchTimers.current.get(field))
    touchTimers.current.set(
      field,
      setTimeout(() => setTouched((current) => (current.has(field) ? current : new Set(current).add(field))), TOUCH_DELAY_MS)
    )
  }
  useEffect(() => {
    const timers = touchTimers.current
    return () => timers.forEach((timer) => clearTimeout(timer))
  }, [])
  const update = (patch: Partial<RunForm>): void => setForm((current) => ({ ...current, ...patch }))

  const imageSuggestions = useMemo(
    () => [...new Set(imageItems.flatMap((image) => image.repoTags.filter((tag) => tag !== '<none>:<none>')))].sort(),
    [imageItems]
  )

  const missing = useMemo(() => (imagesLoaded ? missingImage(form.image, imageItems) : null), [imagesLoaded, form.image, imageItems])

  // After a refused submit, take people to the first field that needs them.
  useEffect(() => {
    if (attempts === 0) return
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [attempts])

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    setAttempts((n) => n + 1)
    setFailure(null)
    if (checked.issues.size > 0) return // the messages say what to fix; the engine is not asked
    setBusy(true)
    try {
      const result = await client.call('containers.create', checked.spec)
      onStarted(result.id)
    } catch (err) {
      setFailure(describeError(err))
      setBusy(false)
    }
  }

  async function pickFreePort(row: PortRow): Promise<void> {
    setPicking(row.id)
    try {
      const { port } = await client.call('containers.freePort', { protocol: row.protocol, ...(row.hostIp.trim() ? { hostIp: row.hostIp.trim() } : {}) })
      update({ ports: form.ports.map((r) => (r.id === row.id ? { ...r, hostPort: String(port) } : r)) })
    } catch (err) {
      setFailure(`Couldn't pick a free port: ${describeError(err)}`)
    } finally {
      setPicking(null)
    }
  }

  const problemCount = attempts > 0 ? checked.issues.size : 0
  return (
    <Dialog
      title="Run a container"
      onCancel={onClose}
      actions={
        <>
          {problemCount > 0 ? (
            <span className="run-summary" role="status">
              {problemCount === 1 ? '1 field needs attention' : `${problemCount} fields need attention`}
            </span>
          ) : null}
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? <Spinner /> : null}
            Run
          </button>
        </>
      }
    >
      <form id={formId} ref={formRef} className="run-form" noValidate onSubmit={(event) => void submit(event)}>
        {failure ? (
          <p className="alert alert-error" role="alert">
            {failure}
          </p>
        ) : null}
        <GeneralFields form={form} update={update} errorFor={errorFor} onTouch={touch} imageSuggestions={imageSuggestions} imageHint={missing ? <PullOffer reference={missing} /> : undefined} />
        <fieldset className="run-section">
          <legend>Ports</legend>
          <PortRows rows={form.ports} onChange={(ports) => update({ ports })} errorFor={errorFor} onTouch={touch} onPickFree={(row) => void pickFreePort(row)} picking={picking} />
        </fieldset>
        <fieldset className="run-section">
          <legend>Volumes</legend>
          <MountRows rows={form.mounts} onChange={(mounts) => update({ mounts })} errorFor={errorFor} onTouch={touch} volumeNames={volumeItems.map((v) => v.name)} onVm={onVm} />
        </fieldset>
        <fieldset className="run-section">
          <legend>Environment</legend>
          <EnvFields rows={form.env} onChange={(env) => update({ env })} errorFor={errorFor} onTouch={touch} />
        </fieldset>
        <fieldset className="run-section">
          <legend>Labels</legend>
          <KeyValueRows section="labels" noun="label" keyLabel="Label key" rows={form.labels} onChange={(labels) => update({ labels })} errorFor={errorFor} onTouch={touch} />
        </fieldset>
        <fieldset className="run-section run-grid">
          <legend>Restart and network</legend>
          <div className="field">
            <label htmlFor="run-restart" className="field-label">
              Restart policy
            </label>
            <select id="run-restart" className="select" value={form.restartPolicy} onChange={(e) => update({ restartPolicy: e.currentTarget.value as RunForm['restartPolicy'] })}>
              <option value="no">Never (no)</option>
              <option value="always">Always</option>
              <option value="unless-stopped">Unless stopped</option>
              <option value="on-failure">On failure</option>
            </select>
          </div>
          {form.restartPolicy === 'on-failure' ? (
            <div className={`field${errorFor('restartPolicy.maximumRetryCount') ? ' has-error' : ''}`}>
              <label htmlFor="run-retries" className="field-label">
                Maximum retries
              </label>
              <input id="run-retries" className="input input-short" inputMode="numeric" placeholder="0 = no limit" value={form.maxRetries} aria-invalid={errorFor('restartPolicy.maximumRetryCount') ? true : undefined} aria-describedby={errorFor('restartPolicy.maximumRetryCount') ? 'run-retries-error' : undefined} onChange={(e) => update({ maxRetries: e.currentTarget.value })} onInput={() => touch('restartPolicy.maximumRetryCount')} />
              {errorFor('restartPolicy.maximumRetryCount') ? <span id="run-retries-error" className="field-error">{errorFor('restartPolicy.maximumRetryCount')}</span> : null}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="run-network" className="field-label">
              Network
            </label>
            <select id="run-network" className="select" value={form.network} onChange={(e) => update({ network: e.currentTarget.value })}>
              <option value="">Engine default</option>
              {networkItems.map((n) => (
                <option key={n.id} value={n.name}>
                  {n.name} ({n.driver})
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <fieldset className="run-section">
          <legend>Resource limits</legend>
          <LimitFields form={form} update={update} host={host} errorFor={errorFor} onTouch={touch} />
        </fieldset>
      </form>
    </Dialog>
  )
}
