/** Subnet, gateway and IP range of one address pool, each with its problem beside it. */
import type { ReactElement } from 'react'
import type { IpamFields, IpamProblems } from '../../../../shared/networks-models'
import { FormField } from '../snapshots/FormField'

export interface PoolFieldsProps {
  version: 4 | 6
  value: IpamFields
  problems: IpamProblems
  onChange: (value: IpamFields) => void
}

export function PoolFields({ version, value, problems, onChange }: PoolFieldsProps): ReactElement {
  const v = version === 4 ? 'IPv4' : 'IPv6'
  const examples = version === 4 ? ['10.20.0.0/24', '10.20.0.1', '10.20.0.128/25'] : ['fd00:20::/64', 'fd00:20::1', 'fd00:20::/80']
  return (
    <div className="vn-pools">
      <FormField label={`${v} subnet`} value={value.subnet} onChange={(subnet) => onChange({ ...value, subnet })} problem={problems.subnet} placeholder={`automatic, or e.g. ${examples[0]}`} />
      <FormField label={`${v} gateway`} value={value.gateway} onChange={(gateway) => onChange({ ...value, gateway })} problem={problems.gateway} placeholder={examples[1]} />
      <FormField label={`${v} IP range`} value={value.ipRange} onChange={(ipRange) => onChange({ ...value, ipRange })} problem={problems.ipRange} placeholder={examples[2]} />
    </div>
  )
}
