/**
 * The image's history, oldest step first (the order its Dockerfile reads): each step's
 * instruction, what it added, when. Steps that changed only the configuration made no layer
 * and say so; steps of other local images (the base, classic-build steps) link to them.
 */
import type { ReactElement } from 'react'
import type { ImageHistoryEntry } from '../../../../shared/image-details-models'
import { formatBytes, formatFullDate, formatRelative, shortId } from '../../lib/format'

export interface ImageHistoryProps {
  imageId: string
  history: readonly ImageHistoryEntry[]
  nowMs: number
  onOpenImage: (id: string) => void
}

export function ImageHistory({ imageId, history, nowMs, onOpenImage }: ImageHistoryProps): ReactElement {
  const layers = history.filter((step) => !step.empty).length
  return (
    <section className="overview-card image-history" aria-label="History">
      <h2>
        History <span className="muted">{history.length} steps, {layers} of them made layers</span>
      </h2>
      <table className="history-table">
        <caption className="visually-hidden">History, oldest step first</caption>
        <thead>
          <tr>
            <th scope="col" className="num">#</th>
            <th scope="col">Created by</th>
            <th scope="col" className="num">Size</th>
            <th scope="col">Layer</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {history.map((step, index) => (
            <tr key={index} className={step.empty ? 'is-empty' : undefined}>
              <td className="num muted">{index + 1}</td>
              <td className="history-step">
                <code className="mono" title={step.createdByRaw || undefined}>
                  {step.createdBy || step.comment || <span className="muted">(no instruction recorded)</span>}
                </code>
                {step.imageId && step.imageId !== imageId && step.tags.length > 0 ? (
                  <button
                    type="button"
                    className="tag-chip tag-accent history-image"
                    title={`The image ${step.tags[0]} ends with this step: open it`}
                    onClick={() => onOpenImage(step.imageId as string)}
                  >
                    {step.tags[0]}
                  </button>
                ) : null}
                {step.comment && step.createdBy ? <span className="history-comment">{step.comment}</span> : null}
              </td>
              <td className="num">{step.empty ? <span className="muted">—</span> : formatBytes(step.size)}</td>
              <td>
                {step.empty ? (
                  <span className="badge badge-idle" title="This step changed only the image's configuration">no layer</span>
                ) : (
                  <span className="mono muted" title={step.chainId}>{step.chainId ? shortId(step.chainId) : ''}</span>
                )}
              </td>
              <td className="nowrap" title={formatFullDate(step.created)}>{formatRelative(step.created, nowMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
