/**
 * One row of the layer tree: guide lines down from its ancestors, a twisty when it has rows
 * under it, the images whose top layer it is (buttons that open their details), the instruction
 * that made the layer, and its sizes. Images are what people look for, so they lead the row.
 */
import type { CSSProperties, ReactElement } from 'react'
import type { LayerTreeImage } from '../../../../shared/image-details-models'
import { Icon } from '../../components/Icon'
import { formatBytes, plural, shortId } from '../../lib/format'
import type { TreeRow } from './treeRows'

const MAX_CHIPS = 2

export function imageName(image: LayerTreeImage): string {
  if (image.repoTags[0]) return image.repoTags[0]
  return image.intermediate ? `build step ${shortId(image.id)}` : `<none> ${shortId(image.id)}`
}

/** What a screen reader says for the row (its visible text would be long and out of order). */
export function rowLabel(row: TreeRow): string {
  const who = row.images.length > 0 ? row.images.map(imageName).join(', ') : `${plural(row.layers, 'layer')} shared by ${plural(row.usedBy, 'image')}`
  return `${who}, ${formatBytes(row.cumulativeSize)}`
}

/** A folded row's instructions in build order, "›" between them; empty ones (imports) skipped. */
export function instructionsText(row: TreeRow): string {
  return row.instructions.filter(Boolean).join('  ›  ')
}

function ImageChip({ image, onOpen }: { image: LayerTreeImage; onOpen: (id: string) => void }): ReactElement {
  const kind = image.intermediate ? 'is-intermediate' : image.dangling ? 'is-dangling' : 'is-tagged'
  const tags = image.repoTags.length > 1 ? ` (also ${image.repoTags.slice(1).join(', ')})` : ''
  const title = `${imageName(image)}${tags}\n${formatBytes(image.uniqueSize)} only in this image · ${formatBytes(image.sharedSize)} shared with other images`
  return (
    <button type="button" className={`tree-image ${kind}`} title={title} aria-label={`Open ${imageName(image)}`} tabIndex={-1} onClick={() => onOpen(image.id)}>
      <Icon name="box" />
      <span className="tree-image-name">{imageName(image)}</span>
      {image.repoTags.length > 1 ? <span className="tree-image-more">+{image.repoTags.length - 1}</span> : null}
      {image.dangling ? <span className="badge badge-warn">dangling</span> : null}
      {image.intermediate ? <span className="badge badge-idle">intermediate</span> : null}
    </button>
  )
}

export interface LayerTreeRowProps {
  row: TreeRow
  style: CSSProperties
  /** The one row reached by Tab (roving tabindex). */
  tabbable: boolean
  /** The row the person last moved to or clicked. */
  focused: boolean
  onToggle: (row: TreeRow) => void
  onFocus: (row: TreeRow) => void
  onOpenImage: (id: string) => void
}

export function LayerTreeRow({ row, style, tabbable, focused, onToggle, onFocus, onOpenImage }: LayerTreeRowProps): ReactElement {
  const unique = row.images.find((image) => !image.intermediate)?.uniqueSize
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-setsize={row.siblings}
      aria-posinset={row.position}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={focused}
      aria-label={rowLabel(row)}
      tabIndex={tabbable ? 0 : -1}
      data-key={row.key}
      className={focused ? 'tree-row is-focused' : 'tree-row'}
      style={style}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocus(row)
      }}
      onClick={() => onFocus(row)}
    >
      <span className="tree-label">
        {row.guides.map((guide, index) => (
          <span key={index} className={`tree-guide guide-${guide}`} aria-hidden="true" />
        ))}
        {row.hasChildren ? (
          <button
            type="button"
            className={row.expanded ? 'tree-twisty is-open' : 'tree-twisty'}
            aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${rowLabel(row)}`}
            tabIndex={-1}
            onClick={(event) => {
              event.stopPropagation()
              onToggle(row)
            }}
          >
            <Icon name="chevron" />
          </button>
        ) : (
          <span className={row.images.length > 0 ? 'tree-dot is-image' : 'tree-dot'} aria-hidden="true" />
        )}
        {row.images.slice(0, MAX_CHIPS).map((image) => (
          <ImageChip key={image.id} image={image} onOpen={onOpenImage} />
        ))}
        {row.images.length > MAX_CHIPS ? <span className="count-pill tree-more" title={row.images.slice(MAX_CHIPS).map(imageName).join('\n')}>+{row.images.length - MAX_CHIPS} more</span> : null}
        {row.layers > 1 ? <span className="tree-folded" title={`This row stands for ${row.layers} layers; tick "Every layer" to see each one`}>{row.layers} layers</span> : null}
        <span className="tree-created mono" title={row.instructions.join('\n') || undefined}>
          {instructionsText(row) || <span className="muted">(no instruction recorded)</span>}
        </span>
      </span>
      <span className="tree-num" title="Bytes these layers add">+{formatBytes(row.bytes)}</span>
      <span className="tree-num tree-total" title="This layer and everything below it">{formatBytes(row.cumulativeSize)}</span>
      <span className="tree-num" title="Bytes only this image has: what removing it frees">{unique === undefined ? '' : formatBytes(unique)}</span>
      <span className={row.usedBy > 1 ? 'tree-users is-shared' : 'tree-users'}>{row.usedBy > 1 ? `shared by ${row.usedBy}` : row.usedBy === 1 ? '1 image' : ''}</span>
    </div>
  )
}
