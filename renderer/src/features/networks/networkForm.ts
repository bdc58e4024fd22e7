/** The create-network form's checks, field by field, with the rules the RPC boundary uses too. */
import { ipamProblems, networkNameProblem, type IpamFields, type IpamProblems, type NetworkDrivers } from '../../../../shared/networks-models'
import { keyValueProblem } from '../volumes/formProblems'

export interface NetworkFormFields {
  name: string
  v4: IpamFields
  ipv6: boolean
  v6: IpamFields
  driverOptions: string
  labels: string
}

export interface NetworkFormProblems {
  name?: string
  v4: IpamProblems
  v6: IpamProblems
  driverOptions?: string
  labels?: string
}

export const EMPTY_POOL: IpamFields = { subnet: '', gateway: '', ipRange: '' }

export function networkFormProblems(fields: NetworkFormFields): NetworkFormProblems {
  const problems: NetworkFormProblems = { v4: ipamProblems(fields.v4, 4), v6: fields.ipv6 ? ipamProblems(fields.v6, 6) : {} }
  const name = networkNameProblem(fields.name.trim())
  if (name) problems.name = name
  const options = keyValueProblem(fields.driverOptions, 'driver options')
  if (options) problems.driverOptions = options
  const labels = keyValueProblem(fields.labels, 'labels')
  if (labels) problems.labels = labels
  return problems
}

export function hasProblems(problems: NetworkFormProblems): boolean {
  return Boolean(problems.name || problems.driverOptions || problems.labels || Object.keys(problems.v4).length || Object.keys(problems.v6).length)
}

/** The pools to send: only those with a subnet, trimmed, empty parts left out. */
export function poolsOf(fields: NetworkFormFields): Array<{ subnet: string; gateway?: string; ipRange?: string }> {
  const pools = [fields.v4, ...(fields.ipv6 ? [fields.v6] : [])]
  return pools
    .filter((pool) => pool.subnet.trim())
    .map((pool) => ({
      subnet: pool.subnet.trim(),
      ...(pool.gateway.trim() ? { gateway: pool.gateway.trim() } : {}),
      ...(pool.ipRange.trim() ? { ipRange: pool.ipRange.trim() } : {})
    }))
}

/** What this engine offers, and why the others can't be picked, in one line under the select. */
export function driverHint(drivers: NetworkDrivers['drivers'], chosen: string | undefined): string {
  const offered = drivers.filter((d) => d.available).map((d) => d.name)
  const missing = drivers.filter((d) => !d.available).map((d) => `${d.name}: ${d.note ?? 'not available'}`)
  const note = drivers.find((d) => d.name === chosen && d.available)?.note
  return [note ? `${chosen}: ${note}.` : null, `This engine offers ${offered.join(', ')}.`, missing.length ? `${missing.join('; ')}.` : null].filter(Boolean).join(' ')
}
