/** The selected registry's name, address and login state, with Log in… / Log out and (for ones added in Berth) Remove. */
import { useState, type ReactElement } from 'react'
import type { RegistryEntry } from '../../../../shared/registries-models'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { loginText, registriesStoreFor, storedInText } from './registriesStore'

export function RegistryHeader({ entry, children }: { entry: RegistryEntry; children?: ReactElement | null }): ReactElement {
  const { client, views } = useStores()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const store = registriesStoreFor(client)

  async function act(work: () => Promise<void>, what: string): Promise<void> {
    setBusy(true)
    setFailure(null)
    try {
      await work()
    } catch (err) {
      setFailure(`Couldn't ${what}: ${describeError(err)}`)
    } finally {
      setBusy(false)
    }
  }

  const logout = () =>
    act(async () => store.getState().setLogin(await client.call('registries.logout', { registry: entry.id })), `log out of ${entry.name}`)
  const remove = () =>
    act(async () => {
      await client.call('registries.remove', { registry: entry.id })
      store.getState().removed(entry.id)
    }, `remove ${entry.name}`)

  return (
    <header className="reg-head">
      <div className="reg-head-title">
        <h2>{entry.name}</h2>
        <span className="muted mono">{entry.url}</span>
      </div>
      <div className="reg-head-login">
        <span className={entry.login.username ? 'badge badge-ok' : 'badge badge-idle'}>{loginText(entry.login)}</span>
        <span className="reg-stored muted">Saved {storedInText(entry.login)}, as docker login does</span>
      </div>
      <div className="reg-head-actions">
        {children}
        {entry.login.username ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void logout()}>
            Log out
          </button>
        ) : null}
        <button type="button" className={entry.login.username ? 'btn' : 'btn btn-primary'} onClick={() => views.getState().openImageDialog({ kind: 'login', registry: entry.id })}>
          {entry.login.username ? 'Log in as…' : 'Log in…'}
        </button>
        {entry.source === 'added' ? (
          <button type="button" className="btn btn-danger-ghost" disabled={busy} onClick={() => void remove()} aria-label={`Remove ${entry.name} from the list`}>
            Remove
          </button>
        ) : null}
      </div>
      {failure ? (
        <p role="alert" className="reg-problem reg-head-failure">
          {failure}
        </p>
      ) : null}
    </header>
  )
}
