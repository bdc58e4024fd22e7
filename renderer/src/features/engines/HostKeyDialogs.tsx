/**
 * What an SSH connection asks of the person: an unknown host key (shown with its type and SHA256
 * fingerprint, accepted into known_hosts or not), a key's passphrase, and — never accepted — a
 * host key that changed or is revoked, named with the known_hosts file and line.
 */
import { useState, type ReactElement } from 'react'
import type { HostKeyPrompt, HostKeyRefusal } from '../../../../shared/engines-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'

function hostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`
}

export interface HostKeyDialogProps {
  prompt: HostKeyPrompt
  busy: boolean
  onAccept: () => void
  onCancel: () => void
  returnFocusTo?: HTMLElement | null
}

export function HostKeyDialog({ prompt, busy, onAccept, onCancel, returnFocusTo }: HostKeyDialogProps): ReactElement {
  const name = hostName(prompt.host, prompt.port)
  return (
    <Dialog
      title="Unknown host key"
      onCancel={onCancel}
      returnFocusTo={returnFocusTo}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={onCancel}>
            Don’t connect
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={onAccept}>
            {busy ? <Spinner /> : null}
            Trust and connect
          </button>
        </>
      }
    >
      <p>
        Berth has not connected to <strong className="mono">{name}</strong> before
        {prompt.jumpFor ? (
          <>
            {' '}
            (the jump host on the way to <strong>{prompt.jumpFor}</strong>)
          </>
        ) : null}
        , so it can’t tell yet whether this is really that machine.
      </p>
      <dl className="eng-hostkey">
        <dt>Key type</dt>
        <dd className="mono">{prompt.keyType}</dd>
        <dt>Fingerprint</dt>
        <dd className="mono eng-fingerprint" aria-label="SHA256 fingerprint">
          {prompt.fingerprint}
        </dd>
      </dl>
      {prompt.note ? <p className="eng-note">{prompt.note}</p> : null}
      <p className="eng-hint">
        Compare it with the server’s own: <span className="mono">ssh-keygen -lf /etc/ssh/ssh_host_{prompt.keyType.replace(/^ssh-|-.*$/g, '') || 'ed25519'}_key.pub</span> run there. Trusting adds it to{' '}
        <span className="mono">{prompt.knownHostsFile}</span>, as <span className="mono">ssh</span> does when you answer “yes”.
      </p>
    </Dialog>
  )
}

export function HostKeyRefusedNotice({ refusal }: { refusal: HostKeyRefusal }): ReactElement {
  const name = hostName(refusal.host, refusal.port)
  return (
    <div className="eng-refused" role="alert">
      <strong>{refusal.reason === 'revoked' ? `The host key of ${name} is revoked` : `The host key of ${name} has CHANGED`}</strong>
      <p>
        {refusal.reason === 'revoked'
          ? 'known_hosts marks the key this server presents as revoked. Berth will not connect.'
          : 'The server presents a different key than the one known for it. Someone may be intercepting the connection (or the server was reinstalled). Berth will not connect.'}
      </p>
      <p className="mono">
        {refusal.keyType} {refusal.fingerprint}
      </p>
      <p>
        Known key: <span className="mono">{refusal.file}</span> line {refusal.line}.
        {refusal.reason === 'changed' ? ' If you are sure the server changed, remove that line (ssh-keygen -R) and connect again.' : null}
      </p>
    </div>
  )
}

/** The passphrase field, used inside the add dialog and on its own for an engine in the list. */
export function PassphraseField({ keyFile, wrong, busy, onSubmit }: { keyFile: string; wrong: boolean; busy: boolean; onSubmit: (passphrase: string) => void }): ReactElement {
  const [value, setValue] = useState('')
  const [tried, setTried] = useState(false)
  const problem = wrong ? 'That passphrase is wrong. Try again.' : tried && !value ? 'Enter the passphrase.' : null
  return (
    <div className="eng-field eng-passphrase">
      <label htmlFor="eng-passphrase" className="eng-label">
        Passphrase for <span className="mono">{keyFile}</span>
      </label>
      <div className="eng-row">
        <input
          id="eng-passphrase"
          type="password"
          className="eng-input"
          value={value}
          autoComplete="off"
          data-autofocus
          aria-invalid={problem ? true : undefined}
          aria-describedby="eng-passphrase-hint"
          onChange={(event) => setValue(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return
            event.preventDefault()
            setTried(true)
            if (value) onSubmit(value)
          }}
        />
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => {
            setTried(true)
            if (value) onSubmit(value)
          }}
        >
          {busy ? <Spinner /> : null}
          Unlock
        </button>
      </div>
      {problem ? <span className="eng-problem">{problem}</span> : null}
      <span id="eng-passphrase-hint" className="eng-hint">
        No SSH agent holds this key. Berth keeps the passphrase in memory only, for this engine’s reconnects while it runs: never saved, never logged. Or load the key with ssh-add.
      </span>
    </div>
  )
}

export interface PassphraseDialogProps {
  name: string
  keyFile: string
  wrong: boolean
  busy: boolean
  onSubmit: (passphrase: string) => void
  onCancel: () => void
  returnFocusTo?: HTMLElement | null
}

export function PassphraseDialog({ name, keyFile, wrong, busy, onSubmit, onCancel, returnFocusTo }: PassphraseDialogProps): ReactElement {
  return (
    <Dialog
      title={`Unlock the key for ${name}`}
      onCancel={onCancel}
      returnFocusTo={returnFocusTo}
      actions={
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      }
    >
      <PassphraseField keyFile={keyFile} wrong={wrong} busy={busy} onSubmit={onSubmit} />
    </Dialog>
  )
}
