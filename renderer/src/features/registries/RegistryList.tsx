/** The side list of registries: name, address, who is logged in; "Add registry…" at the bottom. */
import type { ReactElement } from 'react'
import type { RegistryEntry } from '../../../../shared/registries-models'
import { Icon } from '../../components/Icon'
import { loginText } from './registriesStore'

export interface RegistryListProps {
  entries: RegistryEntry[]
  selectedId: string
  loadError: string | null
  onSelect: (id: string) => void
  onAdd: () => void
}

export function RegistryList({ entries, selectedId, loadError, onSelect, onAdd }: RegistryListProps): ReactElement {
  return (
    <nav className="reg-side" aria-label="Registry list">
      <ul className="reg-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className="reg-item"
              aria-current={entry.id === selectedId ? 'true' : undefined}
              aria-label={`${entry.name}, ${loginText(entry.login)}`}
              onClick={() => onSelect(entry.id)}
            >
              <Icon name={entry.kind === 'hub' ? 'cloud' : 'server'} />
              <span className="reg-item-text">
                <span className="reg-item-name truncate">{entry.name}</span>
                <span className={entry.login.username ? 'reg-item-login is-in truncate' : 'reg-item-login truncate'}>
                  {entry.login.problem ? 'Login state unknown' : loginText(entry.login)}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {loadError ? (
        <p role="alert" className="reg-problem">
          Couldn't read the registries: {loadError}
        </p>
      ) : null}
      <button type="button" className="btn reg-add" onClick={onAdd}>
        Add registry…
      </button>
    </nav>
  )
}
