/**
 * Connect a container to a network, with aliases (names other containers on the network can use
 * to reach it) and, optionally, fixed addresses inside the network's subnets. Checked field by
 * field before the engine is called; the engine's refusals come back in words.
 */
import { useMemo, useState, type ReactElement } from 'react'
import type { ContainerRef } from '../../../../shared/volumes-models'
import { Dialog } from '../../components/Dialog'
import { SubmitActions } from '../../components/SubmitActions'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FormField } from '../snapshots/FormField'
import { SelectField } from '../volumes/SelectField'
import { connectProblems, splitAliases, type ConnectFields } from './connectForm'

export interface ConnectDialogProps {
  id: string
  /** Containers already on the network (not offered again). */
  containers: readonly ContainerRef[]
  onConnected: () => void
  onClose: () => void
}

export function ConnectDialog({ id, containers: attachedRefs, onConnected, onClose }: ConnectDialogProps): ReactElement {
  const { client, networks, containers } = useStores()
  const network = useSlice(networks, (s) => s.items.find((n) => n.id === id))
  const all = useSlice(containers, (s) => s.sorted)
  const candidates = useMemo(() => {
    const attached = new Set(attachedRefs.map((c) => c.id))
    return all.filter((c) => !attached.has(c.id))
  }, [all, attachedRefs])
  const [fields, setFields] = useState<ConnectFields>({ container: '', aliases: '', ipv4: '', ipv6: '' })
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const pools = network?.ipam ?? []
  const problems = connectProblems(fields, pools)
  const shown = tried ? problems : {}
  const set = (key: keyof ConnectFields) => (value: string) => setFields((current) => ({ ...current, [key]: value }))
  const name = network?.name ?? id.slice(0, 12)
  async function submit(): Promise<void> {
    setTried(true)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    setFailure(null)
    try {
      const aliases = splitAliases(fields.aliases)
      await client.call('networks.connect', {
        network: id,
        container: fields.container,
        ...(aliases.length ? { aliases } : {}),
        ...(fields.ipv4.trim() ? { ipv4: fields.ipv4.trim() } : {}),
        ...(fields.ipv6.trim() ? { ipv6: fields.ipv6.trim() } : {})
      })
      onConnected()
    } catch (err) {
      setFailure(describeError(err))
      setBusy(false)
    }
  }

  const subnets = pools.map((pool) => pool.subnet).join(', ')
  return (
    <Dialog title={`Connect a container to ${name}`} onCancel={onClose} actions={<SubmitActions done={false} busy={busy} submitLabel="Connect" onSubmit={() => void submit()} onClose={onClose} />}>
      <form
        className="snap-form"
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <SelectField
          label="Container"
          value={fields.container}
          onChange={set('container')}
          problem={shown.container}
          autoFocus
          options={[{ value: '', label: candidates.length ? 'Pick a container…' : 'Every container is already on this network' }, ...candidates.map((c) => ({ value: c.id, label: `${c.name} (${c.state})` }))]}
        />
        <FormField
          label="Aliases"
          value={fields.aliases}
          onChange={set('aliases')}
          problem={shown.aliases}
          placeholder="e.g. db primary.db"
          hint={network?.predefined ? 'Aliases work only on networks you create, not on the default bridge.' : 'Names other containers on this network can use to reach it; separate them with spaces or commas.'}
        />
        <div className="snap-row">
          <FormField label="IPv4 address (optional)" value={fields.ipv4} onChange={set('ipv4')} problem={shown.ipv4} placeholder="automatic" hint={subnets ? `Inside ${subnets}` : undefined} />
          {network?.ipv6 ? <FormField label="IPv6 address (optional)" value={fields.ipv6} onChange={set('ipv6')} problem={shown.ipv6} placeholder="automatic" /> : null}
        </div>
        {failure ? (
          <p role="alert" className="snap-problem">
            Couldn't connect: {failure}
          </p>
        ) : null}
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
    </Dialog>
  )
}
