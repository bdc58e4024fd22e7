import type { ReactElement } from 'react'

/** Decorative: the busy element around it says what is happening (aria-busy, labels). */
export function Spinner(): ReactElement {
  return <span className="spinner" aria-hidden="true" />
}
