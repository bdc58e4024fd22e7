/** Placeholder until this feature lands (see app/ImageDialogs.tsx for how it is opened). */
import type { ReactElement } from 'react'
import { NotYetDialog } from '../../components/NotYet'
import type { ImageDialog } from '../../stores/views'

export function LoginDialog({ onClose }: { dialog: Extract<ImageDialog, { kind: 'login' }>; onClose: () => void }): ReactElement {
  return <NotYetDialog title="Log in to registry" onClose={onClose} />
}
