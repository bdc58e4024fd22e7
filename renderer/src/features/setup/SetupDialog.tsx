/**
 * The setup dialog: what Berth found, the choices, the exact commands, a Run button, and then
 * each command's progress, ending with the engine connected (the lists behind the dialog fill in
 * on their own, without a reload) or with what went wrong in words. Hiding it while it runs
 * keeps the run going; the entry buttons bring it back.
 */
import { useState, type ReactElement } from 'react'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useSlice, useStores } from '../../stores/context'
import '../../styles/run.css'
import '../../styles/setup.css'
import { DetectionSummary } from './DetectionSummary'
import { PlanChoices } from './PlanChoices'
import { PlanSteps } from './PlanSteps'
import { isRunning, type RunView } from './runProgress'

function statusText(run: RunView): string {
  if (run.error) return run.error
  if (run.finished) return run.finished.message
  const steps = run.plan.steps
  const current = steps.find((step) => run.steps[step.index]?.state === 'running')
  return current ? `Running step ${current.index} of ${steps.length}: ${current.title}…` : 'Starting…'
}

function RunStatus({ run }: { run: RunView }): ReactElement {
  const tone = run.error || run.finished?.ok === false ? 'bad' : run.finished ? 'ok' : 'busy'
  return (
    <p className={`setup-status is-${tone}`} role="status">
      {tone === 'busy' ? <Spinner /> : null}
      {statusText(run)}
    </p>
  )
}

export function SetupDialog(): ReactElement | null {
  const { setup, views } = useStores()
  const open = useSlice(setup, (s) => s.open)
  const detection = useSlice(setup, (s) => s.detection)
  const detectError = useSlice(setup, (s) => s.detectError)
  const choice = useSlice(setup, (s) => s.choice)
  const plan = useSlice(setup, (s) => s.plan)
  const planning = useSlice(setup, (s) => s.planning)
  const planError = useSlice(setup, (s) => s.planError)
  const run = useSlice(setup, (s) => s.run)
  const [password, setPassword] = useState('')
  if (!open) return null

  const running = isRunning(run)
  const shown = run?.plan ?? plan
  const ended = run !== null && !running
  const close = (): void => setup.getState().close()

  function start(): void {
    setup.getState().start(plan?.needsPassword ? password : undefined)
    setPassword('')
  }

  const actions = (
    <>
      <button type="button" className="btn" onClick={close}>
        {running ? 'Hide' : 'Close'}
      </button>
      {ended && run.finished?.ok ? (
        <button
          type="button"
          className="btn btn-primary"
          data-autofocus
          onClick={() => {
            views.getState().setPage('containers')
            close()
          }}
        >
          Show containers
        </button>
      ) : ended ? (
        <button type="button" className="btn btn-primary" onClick={() => void setup.getState().checkAgain()}>
          Check again
        </button>
      ) : (
        <button type="button" className="btn btn-primary" data-autofocus disabled={!plan || !!plan.blocked || planning || running} onClick={start}>
          {running ? <Spinner /> : null}
          Run
        </button>
      )}
    </>
  )

  return (
    <Dialog title={shown?.title ?? 'Set up an engine'} actions={actions} onCancel={close}>
      <div className="setup-body" aria-busy={running || planning}>
        {detection ? <p className="setup-summary">{detection.offer.summary}</p> : null}
        {detectError ? <p className="field-error">Berth couldn't look at this machine: {detectError}</p> : null}
        {!detection && !detectError ? (
          <p className="setup-summary">
            <Spinner /> Looking at this machine…
          </p>
        ) : null}
        {detection ? <DetectionSummary detection={detection} /> : null}
        {detection && choice && !run ? (
          <PlanChoices
            detection={detection}
            choice={choice}
            plan={plan}
            disabled={planning}
            password={password}
            onPassword={setPassword}
            onChoose={(patch) => void setup.getState().choose(patch)}
          />
        ) : null}
        {planError ? <p className="field-error">{planError}</p> : null}
        {shown ? (
          <section className="setup-plan" aria-label="Plan">
            <h3 className="setup-heading">{run ? 'Progress' : 'Commands Berth will run'}</h3>
            {shown.blocked ? <p className="setup-blocked">{shown.blocked}</p> : null}
            <PlanSteps plan={shown} run={run} />
            {shown.notes.length > 0 ? (
              <ul className="setup-notes" aria-label="Good to know">
                {shown.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
          </section>
        ) : null}
        {run ? <RunStatus run={run} /> : null}
      </div>
    </Dialog>
  )
}
