/** networks.*: list (more to come: create, inspect, connect, disconnect, remove, prune). */
import { z } from 'zod'
import { NetworkSummary } from '../models'
import { call, None } from '../spec'

export const networkMethods = {
  'networks.list': call(None, z.array(NetworkSummary))
} as const
