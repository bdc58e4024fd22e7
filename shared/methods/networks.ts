/**
 * networks.*: list (which containers use each network apart: see NetworkUsage), the drivers this engine offers, create, inspect (endpoints with their
 * addresses and aliases), connect and disconnect a container, remove, and prune in two steps
 * (preview, then exactly those).
 */
import { z } from 'zod'
import { ObjectRef } from '../models'
import {
  ConnectInput,
  CreateNetworkInput,
  NetworkDetails,
  NetworkDrivers,
  NetworkPrunePreview,
  NetworkPruneResult,
  NetworkRef,
  NetworkRow,
  NetworkUsage
} from '../networks-models'
import { LabelFilter } from '../snapshots-models'
import { call, Done, None } from '../spec'

const ById = z.object({ id: NetworkRef }).strict()

export const networkMethods = {
  'networks.list': call(None, z.array(NetworkRow)),
  'networks.usage': call(None, NetworkUsage),
  'networks.drivers': call(None, NetworkDrivers),
  'networks.create': call(CreateNetworkInput, NetworkRow),
  'networks.inspect': call(ById, NetworkDetails),
  'networks.connect': call(ConnectInput, Done),
  'networks.disconnect': call(z.object({ network: NetworkRef, container: ObjectRef, force: z.boolean().optional() }).strict(), Done),
  'networks.remove': call(ById, Done),
  'networks.prunePreview': call(z.object({ label: LabelFilter.optional() }).strict(), NetworkPrunePreview),
  'networks.prune': call(
    z.object({ ids: z.array(NetworkRef).min(1, 'nothing to remove').max(1000, 'at most 1000 networks at once') }).strict(),
    NetworkPruneResult
  )
} as const
