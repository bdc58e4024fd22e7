/**
 * composePlan: detection + what the person chose → the exact commands Berth will run, escalation
 * included, each with a title and a copyable rendering. Pure (no I/O), so every package manager
 * and situation is a table test. The plan is what the dialog shows and the only thing setup.run
 * will execute.
 */
import type { Escalation, PlanRequest, SetupDetection, SetupPlan } from '../../../shared/setup-models'
import { configuredSteps, dockerSteps, podmanSteps, type EngineSteps, type StepOptions } from './engineSteps'
import { displayCommand, escalate } from './escalate'
import type { StartProfile } from './profileSchema'

export interface PlanContext {
  /** Where daemons Berth starts write their output (Berth's config folder). */
  logDir: string
  /** The engine-start.json entry detection.configured describes. */
  profile?: StartProfile
}

export type ComposedPlan = Omit<SetupPlan, 'id'>

function chooseEscalation(d: SetupDetection, requested: PlanRequest['escalation']): Escalation | null {
  if (d.user.isRoot) return 'none'
  if (requested === 'sudo' && d.user.sudo) return 'sudo'
  if (requested === 'pkexec' && d.user.pkexec) return 'pkexec'
  if (d.user.pkexec) return 'pkexec'
  if (d.user.sudo) return 'sudo'
  return null
}

function titleFor(d: SetupDetection, request: PlanRequest, engine: EngineSteps): string {
  const runnable = engine.steps.filter((step) => step.kind !== 'wait')
  if (request.target === 'configured') return d.configured ? `Start ${d.configured.name}` : 'Start the configured engine'
  const name = request.target === 'docker' ? 'Docker' : 'Podman'
  const installed = request.target === 'docker' ? d.docker.installed : d.podman.installed
  if (!installed) return `Install and start ${name}`
  if (engine.starts) return `Start ${name}`
  if (runnable.length > 0) return `Give you access to ${name}`
  return `Use ${name}`
}

function stepsFor(d: SetupDetection, request: PlanRequest, context: PlanContext): EngineSteps {
  const options: StepOptions = { logDir: context.logDir, addToDockerGroup: request.addToDockerGroup }
  switch (request.target) {
    case 'configured':
      return configuredSteps(d, context.profile, options)
    case 'docker':
      return dockerSteps(d, options)
    case 'podman':
      return podmanSteps(d, options)
  }
}

export function composePlan(d: SetupDetection, request: PlanRequest, context: PlanContext): ComposedPlan {
  const engine = stepsFor(d, request, context)
  const needsRights = engine.steps.some((step) => step.privileged)
  const chosen = needsRights ? chooseEscalation(d, request.escalation) : 'none'
  const escalation: Escalation = chosen ?? 'none'
  const steps = engine.steps.map((step, i) => {
    const argv = escalate(step.argv, step.privileged, escalation)
    return {
      index: i + 1,
      kind: step.kind,
      title: step.title,
      argv,
      display: step.kind === 'wait' ? `wait for GET /_ping on unix://${engine.socket}` : displayCommand(argv),
      privileged: step.privileged && !d.user.isRoot,
      ...(step.logFile ? { logFile: step.logFile } : {})
    }
  })
  const notes = [...engine.notes]
  if (needsRights && escalation === 'pkexec') {
    notes.unshift('Each command marked "as administrator" asks for your password in the system\'s own dialog (polkit); Berth never sees it.')
  }
  if (needsRights && escalation === 'sudo') {
    notes.unshift('Berth passes the password you type to sudo on its standard input, for these commands only. It is not stored or logged.')
  }
  const plan: ComposedPlan = {
    target: request.target,
    title: titleFor(d, request, engine),
    escalation,
    needsPassword: needsRights && escalation === 'sudo',
    socket: engine.socket,
    steps,
    notes
  }
  const blocked =
    engine.blocked ??
    (!d.supported ? d.unsupportedReason : undefined) ??
    (chosen === null
      ? `These commands need administrator rights, and Berth can't ask for them here: neither pkexec nor sudo is installed. Run them as root yourself (they are listed below), then check again.`
      : undefined)
  if (blocked) plan.blocked = blocked
  return plan
}
