import type { ReactElement } from 'react'
import type { PortMapping } from '../../../../shared/models'
import { publishedPortLink } from '../../lib/portLinks'
import { useSlice, useStores } from '../../stores/context'
import { selectPortLinkHost } from '../../stores/engines'

/** Rows are two lines tall: two ports, or one port and "+N more". */
const LINES = 2

/** Docker lists a port once per address family (0.0.0.0 and ::); people think of it once. */
export function dedupePorts(ports: readonly PortMapping[]): PortMapping[] {
  const seen = new Set<string>()
  const unique: PortMapping[] = []
  for (const port of ports) {
    const key = `${port.publicPort ?? ''}:${port.privatePort}/${port.protocol}`
    if (seen.has(key)) continue
    seen.add(key)
    unique.push(port)
  }
  // Openable ports first (published tcp), then other published ones, then unpublished.
  const rank = (port: PortMapping): number => (port.publicPort === undefined ? 2 : port.protocol === 'tcp' ? 0 : 1)
  return unique.sort(
    (a, b) => rank(a) - rank(b) || (a.publicPort ?? 0) - (b.publicPort ?? 0) || a.privatePort - b.privatePort
  )
}

export function Ports({ ports }: { ports: readonly PortMapping[] }): ReactElement {
  const engineHost = useSlice(useStores().engines, selectPortLinkHost)
  const unique = dedupePorts(ports)
  if (unique.length === 0) return <span className="muted">—</span>
  const shownCount = unique.length <= LINES ? unique.length : LINES - 1
  const shown = unique.slice(0, shownCount)
  const hidden = unique.slice(shownCount)
  return (
    <span className="ports">
      {shown.map((port) => {
        const inside = `${port.privatePort}/${port.protocol}`
        if (port.publicPort === undefined) {
          return (
            <span key={inside} className="port mono">
              {inside}
            </span>
          )
        }
        const link = publishedPortLink(port, engineHost)
        if (!link?.url) {
          return (
            <span key={`${port.publicPort}${inside}`} className="port mono" title={link?.why}>
              {link?.why ? link.label : port.publicPort}→{inside}
            </span>
          )
        }
        return (
          <span key={`${port.publicPort}${inside}`} className="port">
            <a
              className="port-link mono"
              href={link.url}
              target="_blank"
              rel="noopener noreferrer"
              title={`Open ${link.url} in a new tab (container port ${inside})`}
            >
              {link.label}
            </a>
            <span className="port-target mono" aria-hidden="true">
              →{port.privatePort}
            </span>
          </span>
        )
      })}
      {hidden.length > 0 ? (
        <span className="port-more" title={hidden.map((p) => `${p.publicPort ?? ''}→${p.privatePort}/${p.protocol}`).join(', ')}>
          +{hidden.length} more
        </span>
      ) : null}
    </span>
  )
}
