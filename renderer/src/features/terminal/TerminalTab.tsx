import type { ReactElement } from 'react'
import type { DetailsTabProps } from '../details/tabProps'

/** Placeholder until the terminal work (issue 3) lands; replaced by the real tab. */
export function TerminalTab({ containerId }: DetailsTabProps): ReactElement {
  return <p className="empty">Not available yet for {containerId.slice(0, 12)}.</p>
}
