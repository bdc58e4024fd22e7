/**
 * The VM's serial console: the last lines, then each new one as the guest prints it (vm.serialLog),
 * kept scrolled to the end unless the person scrolled up to read.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { Dialog } from '../../components/Dialog'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'

const MAX_LINES = 5000

export function VmSerialDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useStores()
  const [lines, setLines] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const preRef = useRef<HTMLPreElement>(null)
  const pinned = useRef(true)

  useEffect(
    () =>
      client.stream('vm.serialLog', { tailLines: 1000 }, {
        onEvent: (event) => setLines((current) => [...current, ...event.lines].slice(-MAX_LINES)),
        onEnd: (err) => err && setError(describeError(err))
      }),
    [client]
  )

  useEffect(() => {
    const pre = preRef.current
    if (pre && pinned.current) pre.scrollTop = pre.scrollHeight
  }, [lines])

  return (
    <Dialog
      title="Berth VM serial console"
      onCancel={onClose}
      actions={
        <button type="button" className="btn" data-autofocus onClick={onClose}>
          Close
        </button>
      }
    >
      {error ? <p className="field-error">{error}</p> : null}
      <pre
        ref={preRef}
        className="vm-serial"
        tabIndex={0}
        aria-label="Serial console output"
        onScroll={(event) => {
          const pre = event.currentTarget
          pinned.current = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24
        }}
      >
        {lines.length === 0 ? 'Nothing printed yet.' : lines.join('\n')}
      </pre>
    </Dialog>
  )
}
