/**
 * The build dialog (Images toolbar "Build…", the Builds page): the form, then the build's
 * progress. The build itself lives in the builds store, so hiding the dialog does not stop it and
 * opening the dialog again shows it; a finished build offers "Edit and build again" (the form
 * with the same options) and a fresh opening after it shows the form.
 */
import { useState, type ReactElement } from 'react'
import { useSlice, useStores } from '../../stores/context'
import type { ImageDialog } from '../../stores/views'
import '../../styles/run.css'
import '../../styles/build.css'
import { isRunning } from './buildProgress'
import { EMPTY_FORM, formFromOptions } from './buildForm'
import { BuildFormView } from './BuildFormView'
import { BuildProgressView } from './BuildProgressView'

export function BuildDialog({ onClose }: { dialog: Extract<ImageDialog, { kind: 'build' }>; onClose: () => void }): ReactElement {
  const { builds, views } = useStores()
  const active = useSlice(builds, (s) => s.active)
  // Opened while a build runs: show it. Otherwise the form, until this dialog starts one.
  const [showing, setShowing] = useState<'form' | 'progress'>(() => (isRunning(builds.getState().active) ? 'progress' : 'form'))
  const [editing, setEditing] = useState(EMPTY_FORM)

  if (showing === 'progress' && active && active.phase !== 'error') {
    return (
      <BuildProgressView
        build={active}
        onClose={onClose}
        onEdit={() => {
          setEditing(formFromOptions(active.options))
          builds.getState().dismiss()
          setShowing('form')
        }}
        onOpenImage={(id) => {
          onClose()
          views.getState().openImage(id)
        }}
      />
    )
  }
  return (
    <BuildFormView
      key={active?.buildId ?? 'fresh'}
      initial={active?.phase === 'error' && showing === 'progress' ? formFromOptions(active.options) : editing}
      lastError={active?.phase === 'error' && showing === 'progress' ? active.error : null}
      onStart={(options) => {
        builds.getState().start(options)
        setShowing('progress')
      }}
      onClose={onClose}
    />
  )
}
