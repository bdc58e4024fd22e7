/** Placeholder until image details land: names the image and goes back. */
import type { ReactElement } from 'react'
import { useStores } from '../../stores/context'

export function ImageDetails({ imageId }: { imageId: string }): ReactElement {
  const { views } = useStores()
  return (
    <section className="page" aria-labelledby="image-details-heading">
      <header className="page-header">
        <button type="button" className="btn" onClick={() => views.getState().closeImage()}>
          Back to images
        </button>
        <h1 id="image-details-heading">Image {imageId.replace(/^sha256:/, '').slice(0, 12)}</h1>
      </header>
      <p className="muted">Image details are not available yet.</p>
    </section>
  )
}
