/** Placeholder until this feature lands (see app/ImageDialogs.tsx for how it is opened). */
import type { ReactElement } from 'react'
import { NotYetDialog } from '../../components/NotYet'
import type { ImageDialog } from '../../stores/views'

export function BuildDialog({ onClose }: { dialog: Extract<ImageDialog, { kind: 'build' }>; onClose: () => void }): ReactElement {
  return <NotYetDialog title="Build image" onClose={onClose} />
}
