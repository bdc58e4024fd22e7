/**
 * Create a network: name, driver (what this engine offers, the others shown with why not), an
 * IPv4 pool (subnet, gateway inside it, IP range inside it), IPv6 with its own pool, internal,
 * attachable, driver options and labels. Every field is checked before the engine is called.
 */
import { useState, type ReactElement } from 'react'
import type { CreateNetworkInput } from '../../../../shared/networks-models'
import { Dialog } from '../../components/Dialog'
import { SubmitActions } from '../../components/SubmitActions'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FormField } from '../snapshots/FormField'
import { keyValuePairs } from '../volumes/formProblems'
import { SelectField } from '../volumes/SelectField'
import { driverHint, EMPTY_POOL, hasProblems, networkFormProblems, poolsOf, type NetworkFormFields } from './networkForm'
import { PoolFields } from './PoolFields'
import { useNetworkDrivers } from './useNetworkDrivers'

type Driver = CreateNetworkInput['driver']

export function CreateNetworkDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useStores()
  const drivers = useNetworkDrivers()
  const [fields, setFields] = useState<NetworkFormFields>({ name: '', v4: EMPTY_POOL, ipv6: false, v6: EMPTY_POOL, driverOptions: '', labels: '' })
  const [driver, setDriver] = useState<Driver>('bridge')
  const [internal, setInternal] = useState(false)
  const [attachable, setAttachable] = useState(false)
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [made, setMade] = useState<string | null>(null)
  const problems = networkFormProblems(fields)
  const shown = tried ? problems : { v4: {}, v6: {} }
  const set = <K extends keyof NetworkFormFields>(key: K) => (value: NetworkFormFields[K]) => setFields((current) => ({ ...current, [key]: value }))
  const chosen = drivers.find((d) => d.name === driver)
  async function submit(): Promise<void> {
    setTried(true)
    if (hasProblems(problems)) return
    setBusy(true)
    setFailure(null)
    try {
      const created = await client.call('networks.create', {
        name: fields.name.trim(),
        driver,
        ipam: poolsOf(fields),
        internal,
        attachable,
        ipv6: fields.ipv6,
        driverOptions: keyValuePairs(fields.driverOptions),
        labels: keyValuePairs(fields.labels)
      })
      setMade(created.name)
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title="Create a network" onCancel={onClose} actions={<SubmitActions done={made !== null} busy={busy} submitLabel="Create" onSubmit={() => void submit()} onClose={onClose} />}>
      {made ? (
        <p role="status">
          Created network <strong>{made}</strong>.
        </p>
      ) : (
        <form
          className="snap-form vn-wide-form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <div className="snap-row">
            <FormField label="Name" value={fields.name} onChange={set('name')} problem={shown.name} placeholder="e.g. backend" autoFocus />
            <SelectField
              label="Driver"
              value={driver}
              onChange={(value) => setDriver(value as Driver)}
              options={drivers.map((d) => ({ value: d.name, label: d.available ? d.name : `${d.name} (not available)`, disabled: !d.available }))}
              hint={driverHint(drivers, chosen?.name)}
            />
          </div>
          <PoolFields version={4} value={fields.v4} problems={shown.v4} onChange={set('v4')} />
          <div className="vn-checks">
            <label className="check">
              <input type="checkbox" checked={fields.ipv6} onChange={(event) => set('ipv6')(event.currentTarget.checked)} />
              IPv6
            </label>
            <label className="check" title="Containers on it reach each other but nothing outside">
              <input type="checkbox" checked={internal} onChange={(event) => setInternal(event.currentTarget.checked)} />
              Internal (no outside access)
            </label>
            <label className="check" title="Containers started by hand may join a swarm network">
              <input type="checkbox" checked={attachable} onChange={(event) => setAttachable(event.currentTarget.checked)} />
              Attachable
            </label>
          </div>
          {fields.ipv6 ? <PoolFields version={6} value={fields.v6} problems={shown.v6} onChange={set('v6')} /> : null}
          <FormField
            label="Driver options"
            value={fields.driverOptions}
            onChange={set('driverOptions')}
            problem={shown.driverOptions}
            multiline
            hint={driver === 'macvlan' || driver === 'ipvlan' ? 'The host interface to use: parent=eth0' : 'One key=value per line, e.g. com.docker.network.bridge.name=br-app'}
            placeholder="key=value"
          />
          <FormField label="Labels" value={fields.labels} onChange={set('labels')} problem={shown.labels} multiline hint="One key=value per line." placeholder="com.example.team=web" />
          {failure ? (
            <p role="alert" className="snap-problem">
              Couldn't create the network: {failure}
            </p>
          ) : null}
          <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
        </form>
      )}
    </Dialog>
  )
}
