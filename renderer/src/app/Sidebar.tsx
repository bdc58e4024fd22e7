import type { ReactElement } from 'react'
import { Icon, type IconName } from '../components/Icon'
import { useSlice, useStores } from '../stores/context'
import type { Page } from '../stores/views'

const ITEMS: Array<{ page: Page; label: string; icon: IconName }> = [
  { page: 'containers', label: 'Containers', icon: 'box' },
  { page: 'images', label: 'Images', icon: 'layers' },
  { page: 'builds', label: 'Builds', icon: 'hammer' },
  { page: 'registries', label: 'Registries', icon: 'cloud' },
  { page: 'volumes', label: 'Volumes', icon: 'database' },
  { page: 'networks', label: 'Networks', icon: 'network' },
  { page: 'disk', label: 'Disk usage', icon: 'disk' },
  { page: 'engines', label: 'Engines', icon: 'server' }
]

export function Sidebar(): ReactElement {
  const stores = useStores()
  const page = useSlice(stores.views, (s) => s.page)
  const counts: Record<Page, number | null> = {
    containers: useSlice(stores.containers, (s) => (s.loaded ? s.sorted.length : null)),
    images: useSlice(stores.images, (s) => (s.loaded ? s.items.length : null)),
    builds: null,
    registries: null,
    disk: null,
    volumes: useSlice(stores.volumes, (s) => (s.loaded ? s.items.length : null)),
    networks: useSlice(stores.networks, (s) => (s.loaded ? s.items.length : null)),
    engines: useSlice(stores.engines, (s) => (s.loaded ? s.engines.length : null))
  }
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="box" />
        </span>
        <span className="brand-name">Berth</span>
      </div>
      <nav aria-label="Main">
        <ul className="nav-list">
          {ITEMS.map((item) => (
            <li key={item.page}>
              <a
                href={`#/${item.page}`}
                className={page === item.page ? 'nav-item is-current' : 'nav-item'}
                aria-current={page === item.page ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault()
                  stores.views.getState().setPage(item.page)
                }}
              >
                <Icon name={item.icon} />
                <span className="nav-label">{item.label}</span>
                {counts[item.page] !== null ? (
                  <span className="nav-count" aria-label={`${counts[item.page]} ${item.label.toLowerCase()}`}>
                    {counts[item.page]}
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  )
}
