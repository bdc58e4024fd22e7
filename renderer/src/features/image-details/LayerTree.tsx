/** Placeholder until the layer tree lands (the Images page's "Layer tree" view). */
import type { ReactElement } from 'react'

export function LayerTree(): ReactElement {
  return <p className="muted">The layer tree is not available yet.</p>
}
