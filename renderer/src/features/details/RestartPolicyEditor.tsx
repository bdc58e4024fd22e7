/**
 * The restart policy, editable in place: applied with containers.update. Read-only, with the
 * reason, on an engine that can't change it after creation (Podman 4's compatible API).
 */
import { useEffect, useState, type ReactElement } from 'react'
import type { RestartPolicyName } from '../../../../shared/run-models'
import { checkRestartRetries } from '../../../../shared/run-validation'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { missingReason, useCapability } from '../engines/useCapability'

export interface RestartPolicyEditorProps {
  containerId: string
  policy: { name: string; maximumRetryCount: number }
  reload: () => Promise<unknown>
}

const NAMES: ReadonlyArray<[RestartPolicyName, string]> = [
  ['no', 'Never (no)'],
  ['always', 'Always'],
  ['unless-stopped', 'Unless stopped'],
  ['on-failure', 'On failure']
]

export function RestartPolicyEditor({ containerId, policy, reload }: RestartPolicyEditorProps): ReactElement {
  const { client } = useStores()
  const unavailable = missingReason(useCapability('restartPolicyUpdate'))
  const [name, setName] = useState<RestartPolicyName>(policy.name as RestartPolicyName)
  const [retries, setRetries] = useState(String(policy.maximumRetryCount || ''))
  const [message, setMessage] = useState<{ failed: boolean; text: string } | null>(null)

  useEffect(() => {
    setName(policy.name as RestartPolicyName)
    setRetries(String(policy.maximumRetryCount || ''))
  }, [policy.name, policy.maximumRetryCount])

  const retryCount = retries.trim() === '' ? undefined : /^\d+$/.test(retries.trim()) ? Number(retries) : Number.NaN
  const problem = name === 'on-failure' && retryCount !== undefined ? checkRestartRetries(name, retryCount) : null
  const changed = name !== policy.name || (name === 'on-failure' && (retryCount ?? 0) !== policy.maximumRetryCount)

  async function save(): Promise<void> {
    if (problem) return
    setMessage(null)
    try {
      await client.call('containers.update', {
        id: containerId,
        restartPolicy: { name, ...(name === 'on-failure' && retryCount !== undefined ? { maximumRetryCount: retryCount } : {}) }
      })
      await reload()
      setMessage({ failed: false, text: 'Restart policy saved.' })
    } catch (err) {
      setMessage({ failed: true, text: describeError(err) })
    }
  }

  return (
    <div className="restart-editor">
      <div className="field">
        <label htmlFor="details-restart" className="field-label">
          Restart policy
        </label>
        <select id="details-restart" className="select" value={name} disabled={unavailable !== null} aria-describedby={unavailable ? 'details-restart-unavailable' : undefined} onChange={(e) => setName(e.currentTarget.value as RestartPolicyName)}>
          {NAMES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {name === 'on-failure' ? (
        <div className={`field${problem ? ' has-error' : ''}`}>
          <label htmlFor="details-retries" className="field-label">
            Maximum retries
          </label>
          <input id="details-retries" className="input input-short" inputMode="numeric" placeholder="0 = no limit" value={retries} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'details-retries-error' : undefined} onChange={(e) => setRetries(e.currentTarget.value)} />
          {problem ? <span id="details-retries-error" className="field-error">{problem}</span> : null}
        </div>
      ) : null}
      <button type="button" className="btn btn-small restart-save" disabled={!changed || problem !== null || unavailable !== null} onClick={() => void save()}>
        Save restart policy
      </button>
      {unavailable ? (
        <span id="details-restart-unavailable" className="hint" role="note">
          {unavailable}
        </span>
      ) : null}
      {message ? (
        <span className={message.failed ? 'field-error' : 'hint'} role={message.failed ? 'alert' : 'status'}>
          {message.text}
        </span>
      ) : null}
    </div>
  )
}
