/**
 * The few choices a plan depends on: which engine (the one Berth was told how to start, Docker,
 * Podman), whether to join the docker group, pkexec or sudo when both exist, and sudo's password.
 * The password lives in the dialog's state only; it goes out once, with the Run.
 */
import { useId, type ReactElement } from 'react'
import type { SetupDetection, SetupPlan, SetupTarget } from '../../../../shared/setup-models'
import type { SetupChoice } from '../../stores/setup'

export interface PlanChoicesProps {
  detection: SetupDetection
  choice: SetupChoice
  plan: SetupPlan | null
  password: string
  onPassword: (value: string) => void
  onChoose: (patch: Partial<SetupChoice>) => void
}

function targets(d: SetupDetection): Array<{ value: SetupTarget; label: string }> {
  const list: Array<{ value: SetupTarget; label: string }> = []
  if (d.configured) list.push({ value: 'configured', label: d.configured.name })
  list.push({ value: 'docker', label: 'Docker' }, { value: 'podman', label: 'Podman' })
  return list
}

export function PlanChoices({ detection: d, choice, plan, password, onPassword, onChoose }: PlanChoicesProps): ReactElement {
  const passwordId = useId()
  const needsRights = plan?.steps.some((step) => step.privileged) ?? false
  const bothWays = !d.user.isRoot && d.user.pkexec !== null && d.user.sudo !== null
  return (
    <div className="setup-choices">
      <fieldset className="setup-choice">
        <legend>Engine</legend>
        <div className="segmented" role="group" aria-label="Engine to set up">
          {targets(d).map((target) => (
            <button
              key={target.value}
              type="button"
              aria-pressed={choice.target === target.value}
              onClick={() => onChoose({ target: target.value })}
            >
              {target.label}
            </button>
          ))}
        </div>
      </fieldset>
      {choice.target === 'docker' && !d.user.isRoot && !d.user.dockerGroup.member ? (
        <label className="check">
          <input type="checkbox" checked={choice.addToDockerGroup} onChange={(e) => onChoose({ addToDockerGroup: e.currentTarget.checked })} />
          Add {d.user.name} to the docker group (use Docker without a password; applies after you log out and back in)
        </label>
      ) : null}
      {needsRights && bothWays ? (
        <fieldset className="setup-choice">
          <legend>Administrator rights</legend>
          <label className="check">
            <input type="radio" name="setup-escalation" checked={plan?.escalation === 'pkexec'} onChange={() => onChoose({ escalation: 'pkexec' })} />
            pkexec: the system's own password dialog
          </label>
          <label className="check">
            <input type="radio" name="setup-escalation" checked={plan?.escalation === 'sudo'} onChange={() => onChoose({ escalation: 'sudo' })} />
            sudo: type your password here
          </label>
        </fieldset>
      ) : null}
      {plan?.needsPassword ? (
        <div className="field setup-password">
          <label className="field-label" htmlFor={passwordId}>
            Your password for sudo
          </label>
          <input
            id={passwordId}
            className="input"
            type="password"
            autoComplete="off"
            aria-describedby={`${passwordId}-hint`}
            value={password}
            onChange={(e) => onPassword(e.currentTarget.value)}
          />
          <span id={`${passwordId}-hint`} className="field-hint">
            Passed to sudo on its standard input for these commands only; never stored or logged. Leave it empty if sudo doesn't ask you for one.
          </span>
        </div>
      ) : null}
    </div>
  )
}
