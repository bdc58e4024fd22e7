/**
 * The build dialog's form: the folder to build from (a "Choose…" folder dialog in the desktop
 * app; a typed path on the machine running Berth in browser mode, which says so), the Dockerfile,
 * tags, target stage, builder, no-cache and pull, build args and labels. Every field is checked as
 * it is typed (messages once touched or after Build is pressed); Berth then checks the folder and
 * Dockerfile themselves before anything goes to the engine.
 */
import { useState, type ReactElement } from 'react'
import type { BuildOptionsInput } from '../../../../shared/build-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { Field } from '../run/Field'
import { buildFormProblems, optionsFromForm, type BuildForm } from './buildForm'
import { PairRows } from './PairRows'
import { useBuildEnvironment } from './useBuildEnvironment'

export interface BuildFormViewProps {
  initial: BuildForm
  /** Why the last attempt could not run, shown at its field (or above the buttons). */
  lastError: { message: string; field: string | null } | null
  onStart: (options: BuildOptionsInput) => void
  onClose: () => void
}

export function BuildFormView({ initial, lastError, onStart, onClose }: BuildFormViewProps): ReactElement {
  const { client } = useStores()
  const [form, setForm] = useState<BuildForm>(initial)
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set())
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [checked, setChecked] = useState<{ field: string | null; message: string } | null>(lastError)
  const env = useBuildEnvironment(form.contextPath, form.dockerfile)
  const problems = buildFormProblems(form)
  // Berth's own look at the folder and Dockerfile, once they parse: missing folder, bad Dockerfile.
  const found = env.check && !env.check.ok ? { [env.check.field]: env.check.message } : {}
  const errorFor = (field: string): string | null =>
    (tried || touched.has(field) ? (problems[field] ?? found[field]) : null) ?? (checked?.field === field ? checked.message : null)
  const touch = (field: string): void => setTouched((current) => (current.has(field) ? current : new Set(current).add(field)))
  const set = <K extends keyof BuildForm>(key: K, value: BuildForm[K]): void => {
    setForm((current) => ({ ...current, [key]: value }))
    if (checked?.field === key) setChecked(null)
  }
  const stages = env.check?.ok ? env.check.stages : []
  const args = env.check?.ok ? env.check.args : []

  async function choose(): Promise<void> {
    try {
      const { path } = await client.call('host.pickFolder', { title: 'Choose the folder to build from', defaultPath: form.contextPath || undefined })
      if (path) set('contextPath', path)
    } catch (err) {
      setChecked({ field: 'contextPath', message: describeError(err) })
    }
  }

  async function submit(): Promise<void> {
    setTried(true)
    if (Object.keys(problems).length > 0) return
    const options = optionsFromForm(form)
    setBusy(true)
    try {
      const result = await client.call('build.inspectContext', { contextPath: options.contextPath, dockerfile: options.dockerfile ?? 'Dockerfile', target: options.target })
      if (!result.ok) setChecked({ field: result.field, message: result.message })
      else onStart(options)
    } catch (err) {
      setChecked({ field: null, message: describeError(err) })
    } finally {
      setBusy(false)
    }
  }

  const actions = (
    <>
      {checked && checked.field === null ? (
        <span className="run-summary" role="alert">
          {checked.message}
        </span>
      ) : null}
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined} onClick={() => void submit()}>
        {busy ? <Spinner /> : null}
        Build
      </button>
    </>
  )
  return (
    <Dialog title="Build an image" onCancel={onClose} actions={actions}>
      <form
        className="run-form build-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <fieldset className="run-section">
          <legend>Source</legend>
          <Field
            id="build-contextPath"
            label="Context folder"
            error={errorFor('contextPath')}
            hint={env.nativeDialogs ? 'The folder whose files the Dockerfile can COPY.' : 'A folder on the machine running Berth (this browser can’t open a folder picker there). Type its full path, e.g. /home/me/app.'}
          >
            {(p) => (
              <div className="build-path-row">
                <input {...p} className="input mono" data-autofocus placeholder="/path/to/project" value={form.contextPath} onChange={(e) => set('contextPath', e.currentTarget.value)} onBlur={() => touch('contextPath')} />
                {env.nativeDialogs ? (
                  <button type="button" className="btn" onClick={() => void choose()}>
                    Choose…
                  </button>
                ) : null}
              </div>
            )}
          </Field>
          <div className="run-grid">
            <Field id="build-dockerfile" label="Dockerfile" error={errorFor('dockerfile')} hint="Relative to the folder, or a full path.">
              {(p) => <input {...p} className="input mono" value={form.dockerfile} onChange={(e) => set('dockerfile', e.currentTarget.value)} onBlur={() => touch('dockerfile')} />}
            </Field>
            <Field id="build-target" label="Target stage" error={errorFor('target')} hint={stages.length > 1 ? `Stages: ${stages.join(', ')}` : 'Optional: stop at this stage.'}>
              {(p) => (
                <>
                  <input {...p} className="input mono" list="build-stages" placeholder="last stage" value={form.target} onChange={(e) => set('target', e.currentTarget.value)} onBlur={() => touch('target')} />
                  <datalist id="build-stages">
                    {stages.map((stage) => (
                      <option key={stage} value={stage} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
          </div>
        </fieldset>
        <fieldset className="run-section">
          <legend>Image</legend>
          <Field id="build-tags" label="Tags" error={errorFor('tags')} hint="One or more, separated by spaces: myapp:1.0 127.0.0.1:5000/team/app">
            {(p) => <input {...p} className="input mono" placeholder="myapp:latest" value={form.tags} onChange={(e) => set('tags', e.currentTarget.value)} onBlur={() => touch('tags')} />}
          </Field>
          <div className="build-options">
            <label className="field build-builder">
              <span className="field-label">Builder</span>
              <select className="select" value={form.builder} onChange={(e) => set('builder', e.currentTarget.value as BuildForm['builder'])}>
                <option value="classic">Classic</option>
                <option value="buildkit" disabled={env.builders !== null && !env.builders.buildkit}>
                  BuildKit
                </option>
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={form.noCache} onChange={(e) => set('noCache', e.currentTarget.checked)} />
              Don’t use the cache
            </label>
            <label className="check">
              <input type="checkbox" checked={form.pull} onChange={(e) => set('pull', e.currentTarget.checked)} />
              Always pull base images
            </label>
          </div>
          {env.builders && !env.builders.buildkit && env.builders.reason ? <span className="field-hint">{env.builders.reason}</span> : null}
        </fieldset>
        <fieldset className="run-section">
          <legend>Build args</legend>
          {args.length > 0 ? <span className="field-hint">The Dockerfile declares: {args.join(', ')}</span> : null}
          <PairRows rows={form.buildArgs} onChange={(rows) => set('buildArgs', rows)} section="buildArgs" noun="build arg" keyLabel="Build arg name" keyPlaceholder="NAME" errorFor={errorFor} onTouch={touch} suggestions={args} />
        </fieldset>
        <fieldset className="run-section">
          <legend>Labels</legend>
          <PairRows rows={form.labels} onChange={(rows) => set('labels', rows)} section="labels" noun="label" keyLabel="Label key" keyPlaceholder="org.example.key" errorFor={errorFor} onTouch={touch} />
        </fieldset>
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
    </Dialog>
  )
}
