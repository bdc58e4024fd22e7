/**
 * Why a pull or push failed, in the main process's words, and the one next step that a button
 * can take: "Log in to REGISTRY" when the registry asked for credentials.
 */
import type { ReactElement } from 'react'
import type { TransferFailure } from './useTransfer'

export interface TransferFailureAlertProps {
  verb: 'pull' | 'push'
  failure: TransferFailure
  onLogIn: (registry: string) => void
}

export function TransferFailureAlert({ verb, failure, onLogIn }: TransferFailureAlertProps): ReactElement {
  return (
    <div className="alert alert-error dist-alert" role="alert">
      <span className="alert-text">
        Couldn't {verb}: {failure.message}
      </span>
      {failure.loginRegistry ? (
        <button type="button" className="btn btn-small" onClick={() => onLogIn(failure.loginRegistry as string)}>
          Log in to {failure.loginRegistry}
        </button>
      ) : null}
    </div>
  )
}
