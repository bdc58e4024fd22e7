/**
 * "Add remote engine": host, port, user, how to sign in (SSH agent and ~/.ssh keys, or a key
 * file), the Docker socket there. Every field is checked as typed and before anything connects;
 * "Test connection" tries it without keeping it (asking about an unknown host key, a key's
 * passphrase), "Add engine" tests again and keeps it. ~/.ssh/config aliases work in Host.
 */
import { useState, type ReactElement } from 'react'
import { draftFromForm, remoteFormProblems, type RemoteForm, type RemoteFormField } from '../../../../shared/engines-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useStores } from '../../stores/context'
import { switchEngine } from '../../stores/events'
import { HostKeyDialog, HostKeyRefusedNotice, PassphraseField } from './HostKeyDialogs'
import { ProbeSummary } from './ProbeSummary'
import { RemoteField } from './RemoteField'
import { useConnectFlow } from './useConnectFlow'

const EMPTY: RemoteForm = { name: '', host: '', port: '', user: '', auth: 'agent', keyFile: '', remoteSocket: '' }

type Mode = 'test' | 'add'

export function AddRemoteDialog({ onClose }: { onClose: () => void }): ReactElement {
  const stores = useStores()
  const { client } = stores
  const [form, setForm] = useState<RemoteForm>(EMPTY)
  const [tried, setTried] = useState(false)
  const [useNow, setUseNow] = useState(true)
  const problems = remoteFormProblems(form)
  const flow = useConnectFlow<Mode>((mode, decisions) => {
    const remote = draftFromForm(form)
    return mode === 'test' ? client.call('engines.testRemote', { remote, decisions }) : client.call('engines.addRemote', { remote, decisions, use: false })
  })
  const { step } = flow
  const busy = step.kind === 'busy'

  function change(patch: Partial<RemoteForm>): void {
    setForm((current) => ({ ...current, ...patch }))
    if (step.kind !== 'idle') flow.reset()
  }

  async function start(mode: Mode): Promise<void> {
    setTried(true)
    if (Object.keys(problems).length > 0) return
    await finish(await flow.run(mode))
  }

  async function finish(next: Awaited<ReturnType<typeof flow.run>>): Promise<void> {
    if (next.kind !== 'connected' || !next.engineId) return
    if (useNow) await switchEngine(stores, next.engineId)
    onClose()
  }

  /** What the core said about one field, or what the form says once a test was tried. */
  function problemOf(field: RemoteFormField): string | undefined {
    if (step.kind === 'failed' && step.field === field) return step.message
    return tried ? problems[field] : undefined
  }
  const generalError = step.kind === 'failed' && !step.field ? step.message : null
  const fieldProps = (field: RemoteFormField) => ({ value: form[field], problem: problemOf(field), onChange: (value: string) => change({ [field]: value }) })

  return (
    <>
    <Dialog
      title="Add remote engine"
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void start('test')}>
            {busy && flow.mode === 'test' ? <Spinner /> : null}
            Test connection
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void start('add')}>
            {busy && flow.mode === 'add' ? <Spinner /> : null}
            Add engine
          </button>
        </>
      }
    >
      <form
        className="eng-form"
        aria-label="Remote engine"
        aria-busy={busy || undefined}
        onSubmit={(event) => {
          event.preventDefault()
          void start('test')
        }}
      >
        <p className="eng-hint">Berth reaches Docker on another machine over SSH, the way <span className="mono">docker -H ssh://</span> does: one connection, the remote Docker socket at its end.</p>
        <RemoteField label="Host" {...fieldProps('host')} placeholder="build-box.example.com, 10.0.0.7 or an alias" hint="A host name, an address, or a Host alias from ~/.ssh/config (its HostName, User, Port, IdentityFile and ProxyJump are used)." autoFocus />
        <div className="eng-pair">
          <RemoteField label="Port" {...fieldProps('port')} placeholder="22" inputMode="numeric" />
          <RemoteField label="User" {...fieldProps('user')} placeholder="from ~/.ssh/config, or yours" />
        </div>
        <fieldset className="eng-auth">
          <legend className="eng-label">Sign in with</legend>
          <label className="eng-radio">
            <input type="radio" name="eng-auth" checked={form.auth === 'agent'} onChange={() => change({ auth: 'agent' })} />
            SSH agent and the keys in ~/.ssh
          </label>
          <label className="eng-radio">
            <input type="radio" name="eng-auth" checked={form.auth === 'key'} onChange={() => change({ auth: 'key' })} />
            A key file
          </label>
        </fieldset>
        {form.auth === 'key' ? (
          <RemoteField label="Key file" {...fieldProps('keyFile')} placeholder="~/.ssh/id_ed25519" hint="The private key. If it is encrypted and your agent holds it, the agent is used; otherwise Berth asks for its passphrase." />
        ) : null}
        <RemoteField label="Engine socket on the remote machine" {...fieldProps('remoteSocket')} placeholder="/var/run/docker.sock" hint="Leave empty to let Berth look: Docker's /var/run/docker.sock, rootless Docker's /run/user/UID/docker.sock, then Podman's /run/podman/podman.sock and /run/user/UID/podman/podman.sock." />
        <RemoteField label="Name" {...fieldProps('name')} placeholder={form.host ? `ssh: ${form.user ? `${form.user}@` : ''}${form.host}` : 'optional'} />
        <label className="eng-check">
          <input type="checkbox" checked={useNow} onChange={(event) => setUseNow(event.currentTarget.checked)} />
          Switch to it once added
        </label>
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
      <div aria-live="polite" className="eng-result">
        {step.kind === 'connected' ? <ProbeSummary probe={step.probe} /> : null}
        {step.kind === 'refused' ? <HostKeyRefusedNotice refusal={step.refusal} /> : null}
        {step.kind === 'passphrase' ? <PassphraseField keyFile={step.keyFile} wrong={step.wrong} busy={busy} onSubmit={(text) => void flow.givePassphrase(text).then(finish)} /> : null}
        {generalError ? (
          <p role="alert" className="eng-error">
            {generalError}
          </p>
        ) : null}
      </div>
    </Dialog>
      {/* A sibling, not a child: each dialog keeps its own focus trap. */}
      {step.kind === 'host-key' ? (
        <HostKeyDialog prompt={step.prompt} busy={busy} onAccept={() => void flow.acceptHostKey(step.prompt).then(finish)} onCancel={() => flow.reset()} />
      ) : null}
    </>
  )
}
