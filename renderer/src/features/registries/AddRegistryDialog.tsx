/**
 * Add a registry by address. The address is checked as it is typed (host or host:port); Berth
 * then asks the address itself whether a registry answers there (HTTPS, or plain HTTP for one
 * on this machine) before it is added, and says why not at the field when it doesn't.
 */
import { useState, type ReactElement } from 'react'
import { registryAddressProblem } from '../../../../shared/registries-models'
import { Dialog } from '../../components/Dialog'
import { SubmitActions } from '../../components/SubmitActions'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { Field } from './Field'
import { registriesStoreFor } from './registriesStore'

export function AddRegistryDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useStores()
  const [address, setAddress] = useState('')
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<string | null>(null)
  const problem = registryAddressProblem(address)

  async function submit(): Promise<void> {
    setTried(true)
    setRefused(null)
    if (problem) return
    setBusy(true)
    try {
      const entry = await client.call('registries.add', { address: address.trim() })
      registriesStoreFor(client).getState().added(entry)
      onClose()
    } catch (err) {
      setRefused(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title="Add a registry" onCancel={onClose} actions={<SubmitActions done={false} busy={busy} submitLabel="Add registry" onSubmit={() => void submit()} onClose={onClose} />}>
      <form
        className="reg-form"
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <Field
          label="Registry address"
          value={address}
          onChange={(value) => {
            setAddress(value)
            setRefused(null)
          }}
          problem={refused ?? (tried ? problem : null)}
          placeholder="registry.example.com or 127.0.0.1:5000"
          hint="host or host:port. HTTPS is used; a registry on this machine (127.0.0.1, localhost) may use plain HTTP, as the engine allows."
          autoFocus
        />
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
    </Dialog>
  )
}
