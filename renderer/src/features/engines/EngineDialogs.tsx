/** The Engines page's small dialogs: rename and remove an added engine, and answer what an SSH engine asks. */
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { nameProblem } from '../../../../shared/engines-models'
import type { EngineSummary } from '../../../../shared/models'
import { Dialog } from '../../components/Dialog'
import { SubmitActions } from '../../components/SubmitActions'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { HostKeyDialog, HostKeyRefusedNotice, PassphraseDialog } from './HostKeyDialogs'
import { RemoteField } from './RemoteField'
import { useConnectFlow, type FlowStep } from './useConnectFlow'

export function RenameEngineDialog({ engine, onClose }: { engine: EngineSummary; onClose: () => void }): ReactElement {
  const { engines } = useStores()
  const [name, setName] = useState(engine.name)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const problem = name.trim() ? nameProblem(name) : 'Enter a name.'

  async function submit(): Promise<void> {
    if (problem) return
    setBusy(true)
    try {
      await engines.getState().rename(engine.id, name.trim())
      onClose()
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={`Rename ${engine.name}`} onCancel={onClose} actions={<SubmitActions done={false} busy={busy} submitLabel="Rename" onSubmit={() => void submit()} onClose={onClose} />}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <RemoteField label="Name" value={name} onChange={(value) => (setName(value), setFailure(null))} problem={failure ?? problem} autoFocus />
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
    </Dialog>
  )
}

export function RemoveEngineDialog({ engine, onClose }: { engine: EngineSummary; onClose: () => void }): ReactElement {
  const { engines } = useStores()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  async function submit(): Promise<void> {
    setBusy(true)
    try {
      await engines.getState().remove(engine.id)
      onClose()
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={`Remove ${engine.name}?`} onCancel={onClose} actions={<SubmitActions done={false} busy={busy} submitLabel="Remove" onSubmit={() => void submit()} onClose={onClose} />}>
      <p>
        Berth forgets <span className="mono">{engine.endpoint}</span>. Nothing changes on that machine, and its host key stays in your known_hosts.
      </p>
      {failure ? (
        <p role="alert" className="eng-error">
          {failure}
        </p>
      ) : null}
    </Dialog>
  )
}

/**
 * Answers an SSH engine's attention: its unknown host key, its key's passphrase, or shows why
 * its key was refused. Each answer calls engines.connect again until it connects or stops.
 */
export function AnswerEngineDialog({ engine, onClose }: { engine: EngineSummary; onClose: () => void }): ReactElement | null {
  const { client, engines } = useStores()
  const flow = useConnectFlow<'connect'>((_mode, decisions) => client.call('engines.connect', { id: engine.id, decisions }))
  const { step } = flow
  // The dialogs below replace one another; focus returns to what opened the first.
  const opener = useRef(document.activeElement instanceof HTMLElement ? document.activeElement : null)

  // Start from what the engine already asks; a fresh attempt then says what is asked now.
  useEffect(() => {
    void flow.run('connect')
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    if (step.kind === 'connected') {
      void engines.getState().load()
      onClose()
    }
  }, [step.kind, engines, onClose])

  return (
    <AnswerView
      name={engine.name}
      step={step}
      opener={opener.current}
      onAccept={(prompt) => void flow.acceptHostKey(prompt)}
      onPassphrase={(text) => void flow.givePassphrase(text)}
      onClose={onClose}
    />
  )
}

function AnswerView({
  name,
  step,
  opener,
  onAccept,
  onPassphrase,
  onClose
}: {
  name: string
  step: FlowStep
  opener: HTMLElement | null
  onAccept: (prompt: Extract<FlowStep, { kind: 'host-key' }>['prompt']) => void
  onPassphrase: (text: string) => void
  onClose: () => void
}): ReactElement | null {
  switch (step.kind) {
    case 'host-key':
      return <HostKeyDialog prompt={step.prompt} busy={false} onAccept={() => onAccept(step.prompt)} onCancel={onClose} returnFocusTo={opener} />
    case 'passphrase':
      return <PassphraseDialog name={name} keyFile={step.keyFile} wrong={step.wrong} busy={false} onSubmit={onPassphrase} onCancel={onClose} returnFocusTo={opener} />
    case 'refused':
      return (
        <Dialog title={`${name}: host key refused`} onCancel={onClose} returnFocusTo={opener} actions={<button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>Close</button>}>
          <HostKeyRefusedNotice refusal={step.refusal} />
        </Dialog>
      )
    case 'failed':
      return (
        <Dialog title={`${name} did not connect`} onCancel={onClose} returnFocusTo={opener} actions={<button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>Close</button>}>
          <p role="alert" className="eng-error">
            {step.message}
          </p>
        </Dialog>
      )
    case 'idle':
    case 'busy':
    case 'connected':
      return (
        <Dialog title={`Connecting to ${name}…`} onCancel={onClose} returnFocusTo={opener} actions={<button type="button" className="btn" onClick={onClose}>Cancel</button>}>
          <p aria-busy="true">Connecting…</p>
        </Dialog>
      )
  }
}
