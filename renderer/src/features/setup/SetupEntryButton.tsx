/**
 * Where people meet "no engine" (the connection banner, the empty Containers list): the one
 * thing Berth suggests, worded by detection ("Start Docker", "Set up Docker…"), opening the
 * setup dialog. While a setup runs it brings the dialog back instead.
 */
import type { ReactElement } from 'react'
import { useSlice, useStores } from '../../stores/context'
import { isRunning } from './runProgress'

export function SetupEntryButton({ small = false }: { small?: boolean }): ReactElement | null {
  const { setup } = useStores()
  const detection = useSlice(setup, (s) => s.detection)
  const running = useSlice(setup, (s) => isRunning(s.run))
  const className = `btn btn-primary${small ? ' btn-small' : ''}`
  const open = (): void => setup.getState().openDialog()
  if (running) {
    return (
      <button type="button" className={className} onClick={open}>
        Show setup progress
      </button>
    )
  }
  if (!detection || detection.offer.action === 'none') return null
  return (
    <button type="button" className={className} onClick={open}>
      {detection.offer.label}
    </button>
  )
}
