/** Placeholder until this feature lands. */
import type { ReactElement } from 'react'
import { NotYetPage } from '../../components/NotYet'

export function DiskPage(): ReactElement {
  return <NotYetPage title="Disk usage" />
}
