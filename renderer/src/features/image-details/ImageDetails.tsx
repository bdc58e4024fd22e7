/**
 * An image's details, shown over the Images page: a header with its name and actions (Run,
 * Tag…, Push…, Save…, Remove), then cards — summary, the containers using it (click through),
 * configuration, environment, labels — and the history step by step.
 */
import { useState, type ReactElement } from 'react'
import type { ImageDetails as Details } from '../../../../shared/image-details-models'
import type { ImageSummary } from '../../../../shared/models'
import { Icon } from '../../components/Icon'
import { shortId } from '../../lib/format'
import { useNow } from '../../lib/useNow'
import { useSlice, useStores } from '../../stores/context'
import { RemoveImageDialog } from '../images/RemoveImageDialog'
import { ImageContainers } from './ImageContainers'
import { ConfigCard, envRows, KeyValueCard, SummaryCard } from './ImageFacts'
import { ImageHistory } from './ImageHistory'
import { useImageDetails } from './useImageDetails'
import '../../styles/details.css'
import '../../styles/image-details.css'

/** The list's row when it has one (it carries the live "used by" count); else one made from the details. */
function summaryFor(details: Details, listed: ImageSummary | undefined): ImageSummary {
  return listed ?? {
    id: details.id,
    repoTags: details.repoTags,
    repoDigests: details.repoDigests,
    size: details.size,
    created: details.created,
    containers: details.containers.length,
    dangling: details.repoTags.length === 0,
    labels: details.config.labels
  }
}

export function ImageDetails({ imageId }: { imageId: string }): ReactElement {
  const { views, images } = useStores()
  const listed = useSlice(images, (s) => s.items.find((image) => image.id === imageId))
  const { details, error, gone } = useImageDetails(imageId)
  const [removing, setRemoving] = useState(false)
  const nowMs = useNow()
  const tag = details?.repoTags[0] ?? listed?.repoTags[0]
  const title = tag ?? `<none> ${shortId(imageId)}`
  const open = views.getState().openImageDialog
  const openImage = (id: string): void => views.getState().openImage(id)

  return (
    <section className="page details-page" aria-labelledby="image-details-heading">
      <header className="page-header details-header">
        <button type="button" className="btn btn-ghost" onClick={() => views.getState().closeImage()}>
          <Icon name="chevron" className="icon-back" />
          Back to images
        </button>
        <h1 id="image-details-heading" title={title}>{title}</h1>
        <span className="page-summary mono" title={imageId}>{shortId(imageId)}</span>
        <span className="toolbar-spacer" />
        <div className="image-actions" role="group" aria-label="Image actions">
          <button type="button" className="btn btn-primary" disabled={gone} onClick={() => views.getState().openRunDialog(tag ?? imageId)}>
            <Icon name="play" /> Run
          </button>
          <button type="button" className="btn" disabled={gone} onClick={() => open({ kind: 'tag', imageId, source: tag ?? imageId })}>
            <Icon name="tag" /> Tag…
          </button>
          <button type="button" className="btn" disabled={gone || !tag} title={tag ? undefined : 'Tag the image first: a push needs a repository name'} onClick={() => tag && open({ kind: 'push', reference: tag })}>
            <Icon name="upload" /> Push…
          </button>
          <button type="button" className="btn" disabled={gone} onClick={() => open({ kind: 'save', imageIds: [imageId] })}>
            <Icon name="download" /> Save…
          </button>
          <button type="button" className="btn btn-danger" disabled={gone || !details} onClick={() => setRemoving(true)}>
            <Icon name="trash" /> Remove
          </button>
        </div>
      </header>
      {gone ? (
        <p className="alert alert-error" role="alert">This image no longer exists on this engine (it was removed). Go back to the list to pick another one.</p>
      ) : error ? (
        <p className="alert alert-error" role="alert">Couldn’t read this image’s details: {error}</p>
      ) : null}
      {details ? (
        <div className="image-details-body">
          <div className="image-details-columns">
            <div className="image-details-column">
              <SummaryCard details={details} nowMs={nowMs} onOpenImage={openImage} />
              <ConfigCard details={details} />
            </div>
            <div className="image-details-column">
              <ImageContainers containers={details.containers} />
              <KeyValueCard title="Environment" rows={envRows(details.config.env)} empty="No environment variables." />
              <KeyValueCard title="Labels" rows={Object.entries(details.config.labels).sort(([a], [b]) => a.localeCompare(b))} empty="No labels." />
            </div>
          </div>
          <ImageHistory imageId={details.id} history={details.history} nowMs={nowMs} onOpenImage={openImage} />
        </div>
      ) : !gone && !error ? (
        <p className="empty" aria-busy="true">Reading the image…</p>
      ) : null}
      {removing && details ? (
        <RemoveImageDialog
          image={summaryFor(details, listed)}
          onCancel={() => setRemoving(false)}
          onDone={() => {
            // The dialog did the removal (untag or delete, containers too if asked); the list says what's left.
            setRemoving(false)
            views.getState().closeImage()
          }}
        />
      ) : null}
    </section>
  )
}
