/** Placeholder until this feature lands. */
import type { ReactElement } from 'react'
import { NotYetPage } from '../../components/NotYet'

export function RegistriesPage(): ReactElement {
  return <NotYetPage title="Registries" />
}
