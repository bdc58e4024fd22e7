/** Placeholder until this feature lands (see app/ImageDialogs.tsx for how it is opened). */
import type { ReactElement } from 'react'
import { NotYetDialog } from '../../components/NotYet'
import type { ImageDialog } from '../../stores/views'

export function TagDialog({ onClose }: { dialog: Extract<ImageDialog, { kind: 'tag' }>; onClose: () => void }): ReactElement {
  return <NotYetDialog title="Tag image" onClose={onClose} />
}
