/**
 * Log in to a registry (from the Registries page, or from a pull/push that needed a login). The
 * password goes to Berth once, is checked by the registry, and is saved only if the registry
 * accepted it — where `docker login` would save it. It is never shown again: the dialog forgets
 * it as soon as it was sent, and only "logged in as USER" ever comes back.
 */
import { useEffect, useState, type ReactElement } from 'react'
import { DOCKER_HUB_ID, isDockerHub, parseRegistryAddress, registryAddressProblem, type LoginStatus } from '../../../../shared/registries-models'
import { RpcError } from '../../../../shared/errors'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import type { ImageDialog } from '../../stores/views'
import { Field } from './Field'
import { registriesStoreFor, storedInText } from './registriesStore'
import '../../styles/registries.css'

/** The id Berth uses for what a pull error or a person typed ("index.docker.io" → "docker.io"). */
function registryIdOf(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const parsed = parseRegistryAddress(trimmed)
  if (!parsed) return null
  return isDockerHub(parsed.id) ? DOCKER_HUB_ID : parsed.id
}

export function displayName(id: string): string {
  return id === DOCKER_HUB_ID ? 'Docker Hub' : id
}

interface Problems {
  registry?: string
  username?: string
  password?: string
}

function localProblems(registryText: string, askRegistry: boolean, username: string, password: string): Problems {
  const problems: Problems = {}
  if (askRegistry && registryIdOf(registryText) !== DOCKER_HUB_ID) {
    const problem = registryAddressProblem(registryText)
    if (problem) problems.registry = problem
  }
  if (username.trim() === '') problems.username = 'type your user name'
  else if (/[:\s]/.test(username.trim())) problems.username = 'a user name has no colon or spaces'
  if (password === '') problems.password = 'type your password or access token'
  return problems
}

export function LoginDialog({ dialog, onClose }: { dialog: Extract<ImageDialog, { kind: 'login' }>; onClose: () => void }): ReactElement {
  const { client } = useStores()
  const fixedId = registryIdOf(dialog.registry)
  const [registryText, setRegistryText] = useState(dialog.registry)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<Problems>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [status, setStatus] = useState<LoginStatus | null>(null)
  const [done, setDone] = useState<LoginStatus | null>(null)
  const registryId = fixedId ?? registryIdOf(registryText)
  const name = registryId ? displayName(registryId) : 'a registry'

  useEffect(() => {
    if (!fixedId) return
    let live = true
    client.call('registries.status', { registry: fixedId }).then(
      (current) => live && setStatus(current),
      () => {} // The form still works; the current state is only a courtesy.
    )
    return () => {
      live = false
    }
  }, [client, fixedId])

  const problems = localProblems(registryText, fixedId === null, username, password)
  const shown: Problems = tried ? { ...problems, ...refusal } : refusal

  async function submit(): Promise<void> {
    setTried(true)
    setRefusal({})
    setFailure(null)
    if (Object.keys(problems).length > 0 || !registryId) return
    setBusy(true)
    const secret = password
    setPassword('') // Sent once; never kept in the page.
    try {
      const result = await client.call('registries.login', { registry: registryId, username: username.trim(), password: secret })
      registriesStoreFor(client).getState().setLogin(result)
      setDone(result)
    } catch (err) {
      const field = err instanceof RpcError ? (err.detail as { field?: string } | undefined)?.field : undefined
      if (field === 'password') setRefusal({ password: describeError(err) })
      else if (err instanceof RpcError && (err.detail as { field?: string } | undefined)?.field === 'registry') setRefusal({ registry: err.message })
      else setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  async function logout(): Promise<void> {
    if (!registryId) return
    setBusy(true)
    setFailure(null)
    try {
      const result = await client.call('registries.logout', { registry: registryId })
      registriesStoreFor(client).getState().setLogin(result)
      setStatus(result)
    } catch (err) {
      setFailure(`Couldn't log out: ${describeError(err)}`)
    } finally {
      setBusy(false)
    }
  }

  const actions = done ? (
    <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
      Close
    </button>
  ) : (
    <>
      {status?.username ? (
        <button type="button" className="btn btn-danger-ghost" disabled={busy} onClick={() => void logout()}>
          Log out {status.username}
        </button>
      ) : null}
      <span className="toolbar-spacer" />
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined} onClick={() => void submit()}>
        {busy ? <Spinner /> : null}
        Log in
      </button>
    </>
  )

  return (
    <Dialog title={`Log in to ${name}`} onCancel={onClose} actions={actions}>
      {done ? (
        <p role="status" className="reg-success">
          Logged in to {name} as <strong>{done.username}</strong>. The registry accepted the password; it is saved {storedInText(done)}, where docker finds it too.
        </p>
      ) : (
        <form
          className="reg-form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          {status ? (
            <p className="reg-current" role="status">
              {status.username ? `Logged in as ${status.username}. Log in again to change the user.` : 'Not logged in.'}{' '}
              <span className="muted">A login is saved {storedInText(status)}, as docker login does.</span>
            </p>
          ) : null}
          {fixedId === null ? (
            <Field label="Registry" value={registryText} onChange={setRegistryText} problem={shown.registry} placeholder="registry.example.com or 127.0.0.1:5000" autoFocus />
          ) : null}
          <Field label="User name" value={username} onChange={setUsername} problem={shown.username} autoComplete="username" autoFocus={fixedId !== null} />
          <Field
            label="Password"
            type="password"
            value={password}
            onChange={(value) => {
              setPassword(value)
              setRefusal({})
            }}
            problem={shown.password}
            autoComplete="current-password"
            hint={registryId === DOCKER_HUB_ID ? 'Your Docker Hub password or a personal access token.' : 'Checked by the registry before anything is saved.'}
          />
          {failure ? (
            <p role="alert" className="reg-problem">
              {failure}
            </p>
          ) : null}
          <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
        </form>
      )}
    </Dialog>
  )
}
