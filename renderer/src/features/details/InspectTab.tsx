/** Inspect: the engine's full JSON for the container, as a searchable tree, with Copy JSON. */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react'
import type { ContainerDetails } from '../../../../shared/run-models'
import { Icon } from '../../components/Icon'
import { findMatches, JsonTree } from './JsonTree'
import type { DetailsTabProps } from './tabProps'

export interface InspectTabProps extends DetailsTabProps {
  details: ContainerDetails | null
}

/** The async clipboard where the page may use it; else the old selection-based copy. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Denied (no permission, not focused, insecure context): try the fallback.
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.className = 'offscreen-copy'
  document.body.appendChild(area)
  area.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}

export function InspectTab({ details }: InspectTabProps): ReactElement {
  const [search, setSearch] = useState('')
  const [copied, setCopied] = useState<string | null>(null)
  const raw = details?.raw
  const matchCount = useMemo(() => (raw ? findMatches(raw as never, search.trim()).matches.size : 0), [raw, search])
  const scrollRef = useRef<HTMLDivElement>(null)
  // Bring the first match into view as the search changes (matches open their ancestors).
  useEffect(() => {
    scrollRef.current?.querySelector('.is-match')?.scrollIntoView?.({ block: 'center' })
  }, [search, raw])
  if (!raw) return <p className="empty">Reading the container…</p>

  async function copy(): Promise<void> {
    const ok = await copyText(JSON.stringify(raw, null, 2))
    setCopied(ok ? 'Copied the JSON to the clipboard.' : 'Couldn’t reach the clipboard: select the text in the tree and copy it instead.')
  }

  return (
    <div className="inspect">
      <div className="toolbar" role="toolbar" aria-label="Inspect options">
        <label className="search">
          <Icon name="search" />
          <input type="search" aria-label="Search the JSON" placeholder="Search keys and values" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <span className="page-summary" role="status">
          {search.trim() ? (matchCount === 1 ? '1 match' : `${matchCount} matches`) : ''}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => void copy()}>
          Copy JSON
        </button>
      </div>
      {copied ? (
        <p className="hint" role="status">
          {copied}
        </p>
      ) : null}
      <div className="inspect-scroll" ref={scrollRef}>
        <JsonTree value={raw} search={search.trim()} label="Container JSON" />
      </div>
    </div>
  )
}
