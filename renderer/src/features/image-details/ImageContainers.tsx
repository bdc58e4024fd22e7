/**
 * The containers made from this image, each a link to its details. States come from the live
 * containers store when it knows the container (it follows events), else from the inspect.
 */
import type { ReactElement } from 'react'
import type { ImageContainerRef } from '../../../../shared/image-details-models'
import { StateBadge } from '../../components/StateBadge'
import { useSlice, useStores } from '../../stores/context'

export function ImageContainers({ containers }: { containers: readonly ImageContainerRef[] }): ReactElement {
  const stores = useStores()
  const live = useSlice(stores.containers, (s) => s.byId)
  return (
    <section className="overview-card" aria-label="Containers using this image">
      <h2>
        Used by <span className="muted">{containers.length === 1 ? '1 container' : `${containers.length} containers`}</span>
      </h2>
      {containers.length === 0 ? (
        <p className="muted">No container uses this image. Run one with the Run button above.</p>
      ) : (
        <ul className="image-containers">
          {containers.map((container) => {
            const now = live.get(container.id)
            return (
              <li key={container.id}>
                <StateBadge state={now?.state ?? container.state} />
                <button
                  type="button"
                  className="link-btn name-line"
                  aria-label={`Open container ${now?.name ?? container.name}`}
                  onClick={() => stores.views.getState().openContainer(container.id)}
                >
                  {now?.name ?? container.name}
                </button>
                <span className="muted truncate">{now?.status ?? container.status}</span>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
