/**
 * The commands Berth will run, exactly as they run, one row each; once running, each row also
 * shows its state, duration, output (following new lines) and, if it failed, why in words with
 * the last lines of the daemon's log.
 */
import { useEffect, useRef, type ReactElement } from 'react'
import type { SetupPlan, SetupStep } from '../../../../shared/setup-models'
import { Spinner } from '../../components/Spinner'
import type { RunView, StepRun, StepState } from './runProgress'

const STATE_WORDS: Record<StepState, string> = {
  pending: 'Waiting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Not run'
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}

function Output({ label, lines, dropped, follow }: { label: string; lines: string[]; dropped: number; follow: boolean }): ReactElement {
  const ref = useRef<HTMLPreElement>(null)
  useEffect(() => {
    if (follow && ref.current) ref.current.scrollTop = ref.current.scrollHeight
  }, [lines, follow])
  return (
    <pre ref={ref} className="setup-output mono" role="log" aria-label={label} tabIndex={0}>
      {dropped > 0 ? `… ${dropped} earlier lines not shown\n` : ''}
      {lines.join('\n')}
    </pre>
  )
}

function StepRow({ step, run }: { step: SetupStep; run: StepRun | undefined }): ReactElement {
  const state = run?.state
  return (
    <li className={`setup-step${state ? ` is-${state}` : ''}`} aria-label={`Step ${step.index}: ${step.title}`}>
      <div className="setup-step-head">
        {state ? (
          <span className={`setup-state is-${state}`}>
            {state === 'running' ? <Spinner /> : null}
            {STATE_WORDS[state]}
          </span>
        ) : (
          <span className="setup-step-number">{step.index}</span>
        )}
        <span className="setup-step-title">{step.title}</span>
        {step.privileged ? <span className="tag-chip">as administrator</span> : null}
        {run?.durationMs != null ? <span className="setup-step-duration">{formatDuration(run.durationMs)}</span> : null}
      </div>
      {step.kind === 'wait' ? (
        <span className="setup-muted">Berth itself asks {step.display.replace(/^wait for /, '')} until it answers (up to a minute).</span>
      ) : (
        <code className="setup-command mono">{step.display}</code>
      )}
      {step.kind === 'daemon' && step.logFile ? <span className="setup-muted">In the background; its output goes to {step.logFile}</span> : null}
      {run && run.lines.length > 0 ? <Output label={`Output of step ${step.index}`} lines={run.lines} dropped={run.dropped} follow={run.state === 'running'} /> : null}
      {run?.error ? (
        <p className="setup-step-error">
          {run.error}
          {run.exitCode !== null && !run.error.includes('exit status') ? <span className="setup-muted"> (exit status {run.exitCode})</span> : null}
        </p>
      ) : null}
      {run?.logTail && run.state === 'failed' && run.lines.length === 0 ? (
        <pre className="setup-output mono" aria-label={`Last lines of step ${step.index}'s log`}>
          {run.logTail.join('\n')}
        </pre>
      ) : null}
    </li>
  )
}

export function PlanSteps({ plan, run }: { plan: SetupPlan; run: RunView | null }): ReactElement {
  if (plan.steps.length === 0) {
    return <p className="setup-nothing">Nothing to install or start: the engine already answers at {plan.socket}. Run makes Berth use it.</p>
  }
  return (
    <ol className="setup-steps" aria-label="Commands Berth will run">
      {plan.steps.map((step) => (
        <StepRow key={step.index} step={step} run={run?.steps[step.index]} />
      ))}
    </ol>
  )
}
