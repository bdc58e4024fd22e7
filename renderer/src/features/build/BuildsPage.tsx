/** Placeholder until this feature lands. */
import type { ReactElement } from 'react'
import { NotYetPage } from '../../components/NotYet'

export function BuildsPage(): ReactElement {
  return <NotYetPage title="Builds" />
}
