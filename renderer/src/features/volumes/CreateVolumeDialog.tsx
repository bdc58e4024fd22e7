/**
 * Create a volume: name (the engine's rule), driver (what this engine offers), driver options
 * and labels as key=value lines. Each field is checked before anything reaches the engine.
 */
import { useState, type ReactElement } from 'react'
import { Dialog } from '../../components/Dialog'
import { SubmitActions } from '../../components/SubmitActions'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FormField } from '../snapshots/FormField'
import { keyValuePairs, volumeFormProblems } from './formProblems'
import { SelectField } from './SelectField'
import { useVolumeDrivers } from './useVolumeDrivers'

const OPTIONS_HINT = 'One per line. The local driver takes type, device and o — e.g. type=tmpfs, device=tmpfs, o=size=100m; or an NFS share: type=nfs, o=addr=10.0.0.5, device=:/export.'

export function CreateVolumeDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useStores()
  const drivers = useVolumeDrivers()
  const [name, setName] = useState('')
  const [driver, setDriver] = useState('local')
  const [driverOptions, setDriverOptions] = useState('')
  const [labels, setLabels] = useState('')
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [made, setMade] = useState<string | null>(null)
  const problems = volumeFormProblems({ name, driverOptions, labels })
  const shown = tried ? problems : {}
  async function submit(): Promise<void> {
    setTried(true)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setFailure(null)
    try {
      const created = await client.call('volumes.create', {
        name: name.trim(),
        driver,
        driverOptions: keyValuePairs(driverOptions),
        labels: keyValuePairs(labels)
      })
      setMade(created.name)
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title="Create a volume" onCancel={onClose} actions={<SubmitActions done={made !== null} busy={busy} submitLabel="Create" onSubmit={() => void submit()} onClose={onClose} />}>
      {made ? (
        <p role="status">
          Created volume <strong>{made}</strong>.
        </p>
      ) : (
        <form
          className="snap-form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <div className="snap-row">
            <FormField label="Name" value={name} onChange={setName} problem={shown.name} placeholder="e.g. app-data" hint="Letters, digits and _ . - (at least 2 characters)." autoFocus />
            <SelectField label="Driver" value={driver} onChange={setDriver} options={drivers.map((d) => ({ value: d, label: d }))} />
          </div>
          <FormField label="Driver options" value={driverOptions} onChange={setDriverOptions} problem={shown.driverOptions} multiline hint={OPTIONS_HINT} placeholder="key=value" />
          <FormField label="Labels" value={labels} onChange={setLabels} problem={shown.labels} multiline hint="One key=value per line." placeholder="com.example.team=web" />
          {failure ? (
            <p role="alert" className="snap-problem">
              Couldn't create the volume: {failure}
            </p>
          ) : null}
          <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
        </form>
      )}
    </Dialog>
  )
}
