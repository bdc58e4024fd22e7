/**
 * The setup dialog: what Berth found, the choices, the exact commands, a Run button, and then
 * each command's progress, ending with the engine connected (the lists behind the dialog fill in
 * on their own, without a reload) or with what went wrong in words. Hiding it while it runs
 * keeps the run going; the entry buttons bring it back.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react'
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

/** Before a run: what Berth suggests and what it found (during and after a run, the progress speaks). */
function Findings(): ReactElement {
  const { setup } = useStores()
  const detection = useSlice(setup, (s) => s.detection)
  const detectError = useSlice(setup, (s) => s.detectError)
  if (detectError) return <p className="field-error">Berth couldn't look at this machine: {detectError}</p>
  if (!detection) {
    return (
      <p className="setup-summary">
        <Spinner /> Looking at this machine…
      </p>
    )
  }
  return (
    <>
      <p className="setup-summary">{detection.offer.summary}</p>
      <DetectionSummary detection={detection} />
    </>
  )
}

export function SetupDialog(): ReactElement | null {
  const { setup, views } = useStores()
  const open = useSlice(setup, (s) => s.open)
  const detection = useSlice(setup, (s) => s.detection)
  const choice = useSlice(setup, (s) => s.choice)
  const plan = useSlice(setup, (s) => s.plan)
  const planning = useSlice(setup, (s) => s.planning)
  const planError = useSlice(setup, (s) => s.planError)
  const run = useSlice(setup, (s) => s.run)
  const [password, setPassword] = useState('')
  const running = isRunning(run)
  const ended = run !== null && !running
  const ready = !!plan && !plan.blocked && !planning && !run
  const phase = !open ? 'closed' : ended ? 'ended' : running ? 'running' : ready ? 'ready' : 'loading'
  const runRef = useRef<HTMLButtonElement>(null)
  const hideRef = useRef<HTMLButtonElement>(null)
  const endRef = useRef<HTMLButtonElement>(null)
  const offeredRun = useRef(false)

  // Keyboard focus follows the dialog's phases: the Run button once the first plan is there (it
  // was disabled when the dialog opened), Hide while running (Run is disabled), then the way out.
  // Later plans (a changed choice) leave focus where the person put it.
  useEffect(() => {
    // After a run (and "Check again"), the fresh plan's Run gets focus again.
    if (phase === 'closed' || phase === 'ended') offeredRun.current = false
    if (phase === 'ready' && !offeredRun.current) {
      offeredRun.current = true
      runRef.current?.focus()
    }
    if (phase === 'running') hideRef.current?.focus()
    if (phase === 'ended') endRef.current?.focus()
  }, [phase])

  if (!open) return null
  const shown = run?.plan ?? plan
  const close = (): void => setup.getState().close()

  function start(): void {
    setup.getState().start(plan?.needsPassword ? password : undefined)
    setPassword('')
  }

  const actions = (
    <>
      <button ref={hideRef} type="button" className="btn" onClick={close}>
        {running ? 'Hide' : 'Close'}
      </button>
      {ended && run.finished?.ok ? (
        <button
          ref={endRef}
          type="button"
          className="btn btn-primary"
          onClick={() => {
            views.getState().setPage('containers')
            close()
          }}
        >
          Show containers
        </button>
      ) : ended ? (
        <button ref={endRef} type="button" className="btn btn-primary" onClick={() => void setup.getState().checkAgain()}>
          Check again
        </button>
      ) : (
        <button ref={runRef} type="button" className="btn btn-primary" disabled={!ready} onClick={start}>
          {running ? <Spinner /> : null}
          Run
        </button>
      )}
    </>
  )

  return (
    <Dialog title={shown?.title ?? 'Set up an engine'} actions={actions} onCancel={close}>
      <div className="setup-body" aria-busy={running || planning}>
        {run ? <RunStatus run={run} /> : <Findings />}
        {detection && choice && !run ? (
          <PlanChoices
            detection={detection}
            choice={choice}
            plan={plan}
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
      </div>
    </Dialog>
  )
}
