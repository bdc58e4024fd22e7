/**
 * The build's steps, one row each: state (waiting / running / cached / done / failed / not run),
 * the instruction and its Dockerfile line, a cache mark, the duration, and the step's output on
 * demand. The running and the failed step open by themselves until the person toggles them.
 */
import { useState, type ReactElement } from 'react'
import { Icon } from '../../components/Icon'
import { Spinner } from '../../components/Spinner'
import { useNow } from '../../lib/useNow'
import type { ActiveBuild, StepState, StepView } from './buildProgress'
import { formatDuration } from './buildForm'
import { StepOutput } from './StepOutput'

const STATE_WORDS: Record<StepState, string> = {
  pending: 'Waiting',
  running: 'Running',
  cached: 'Cached',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Not run'
}

function StateMark({ step }: { step: StepView }): ReactElement {
  if (step.state === 'running') {
    return (
      <span className="build-state is-running">
        <Spinner />
        Running
      </span>
    )
  }
  return <span className={`build-state is-${step.state}`}>{STATE_WORDS[step.state]}</span>
}

function StepRow({ build, step, total, open, onToggle, nowMs }: { build: ActiveBuild; step: StepView; total: number; open: boolean; onToggle: () => void; nowMs: number }): ReactElement {
  const outputId = `build-step-output-${step.index}`
  const duration = step.durationMs ?? (step.state === 'running' && step.startedAt !== null ? nowMs - step.startedAt : null)
  const lines = build.output.get(step.index) ?? []
  return (
    <li className={`build-step is-${step.state}`}>
      <button type="button" className="build-step-head" aria-expanded={open} aria-controls={outputId} onClick={onToggle}>
        <Icon name="chevron" />
        <StateMark step={step} />
        <span className="build-step-number">
          Step {step.index}/{total}
        </span>
        <span className="build-step-instruction mono" title={step.instruction}>
          {step.instruction}
        </span>
        {step.line !== null ? <span className="build-step-line">line {step.line}</span> : <span className="build-step-line">from options</span>}
        <span className="build-step-duration">{duration === null ? '' : formatDuration(duration)}</span>
      </button>
      {open ? (
        <div id={outputId}>
          <StepOutput label={`Output of step ${step.index}`} lines={lines} version={build.outputVersion} follow={step.state === 'running'} droppedLines={step.droppedLines} />
        </div>
      ) : null}
    </li>
  )
}

export function StepList({ build }: { build: ActiveBuild }): ReactElement {
  // The person's own choices win over the automatic opening of running/failed steps.
  const [toggled, setToggled] = useState<ReadonlyMap<number, boolean>>(new Map())
  const running = build.steps.some((step) => step.state === 'running')
  const nowMs = useNow(running ? 250 : 60_000)
  const total = Math.max(build.steps.length, ...build.steps.map((step) => step.index))
  const general = build.output.get(0) ?? []
  const [generalOpen, setGeneralOpen] = useState(false)
  return (
    <div className="build-steps-wrap">
      <ol className="build-steps" aria-label="Build steps">
        {build.steps.map((step) => {
          const open = toggled.get(step.index) ?? (step.state === 'running' || step.state === 'failed')
          return (
            <StepRow
              key={step.index}
              build={build}
              step={step}
              total={total}
              open={open}
              nowMs={nowMs}
              onToggle={() => setToggled((current) => new Map(current).set(step.index, !open))}
            />
          )
        })}
      </ol>
      {general.length > 0 ? (
        <div className="build-general">
          <button type="button" className="build-step-head" aria-expanded={generalOpen} aria-controls="build-general-output" onClick={() => setGeneralOpen(!generalOpen)}>
            <Icon name="chevron" />
            <span className="build-step-instruction">Other output ({general.length} {general.length === 1 ? 'line' : 'lines'})</span>
          </button>
          {generalOpen ? (
            <div id="build-general-output">
              <StepOutput label="Other build output" lines={general} version={build.outputVersion} follow={running} droppedLines={0} />
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
