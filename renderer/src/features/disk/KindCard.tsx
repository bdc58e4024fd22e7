/**
 * One kind on the Disk page: how many, how many in use, the total, what a clean-up would free
 * (bytes and share), a bar that shows that share, and the button that previews the clean-up.
 */
import { useLayoutEffect, useRef, type ReactElement } from 'react'
import type { KindUsage } from '../../../../shared/disk-models'
import { Icon } from '../../components/Icon'
import { formatBytes } from '../../lib/format'
import { KIND_WORDS, percent } from './kinds'

export function KindCard({ usage, onCleanup }: { usage: KindUsage; onCleanup: () => void }): ReactElement {
  const words = KIND_WORDS[usage.kind]
  const share = percent(usage.reclaimableBytes, usage.totalBytes)
  const fill = useRef<HTMLDivElement>(null)
  // Width through the CSSOM: the strict CSP allows no inline style attributes.
  useLayoutEffect(() => {
    fill.current?.style.setProperty('width', `${Math.min(share, 100)}%`)
  }, [share])
  const headingId = `disk-${usage.kind}`
  return (
    <section className="disk-card" aria-labelledby={headingId}>
      <header className="disk-card-head">
        <Icon name={words.icon} />
        <h2 id={headingId}>{words.title}</h2>
        <span className="disk-total">{formatBytes(usage.totalBytes)}</span>
      </header>
      <dl className="disk-facts">
        <div>
          <dt>Count</dt>
          <dd>{usage.count}</dd>
        </div>
        <div>
          <dt>{words.activeWord[0].toUpperCase() + words.activeWord.slice(1)}</dt>
          <dd>{usage.active}</dd>
        </div>
        <div>
          <dt>Reclaimable</dt>
          <dd>
            {formatBytes(usage.reclaimableBytes)} <span className="muted">({share}%)</span>
          </dd>
        </div>
      </dl>
      <div
        className="disk-bar"
        role="meter"
        aria-label={`${words.title}: reclaimable share`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={share}
        aria-valuetext={`${formatBytes(usage.reclaimableBytes)} of ${formatBytes(usage.totalBytes)} reclaimable (${share}%)`}
      >
        <div ref={fill} className="disk-bar-fill" />
      </div>
      <p className="disk-legend muted">
        <span className="disk-swatch disk-swatch-free" aria-hidden="true" /> reclaimable
        <span className="disk-swatch disk-swatch-kept" aria-hidden="true" /> kept
      </p>
      <button type="button" className="btn" onClick={onCleanup} aria-label={`Clean up ${words.title.toLowerCase()}…`} disabled={usage.count === 0}>
        Clean up…
      </button>
    </section>
  )
}
