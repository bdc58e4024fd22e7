/** volumes.*: list (more to come: create, inspect, remove, prune, browse, back up, restore). */
import { z } from 'zod'
import { VolumeSummary } from '../models'
import { call, None } from '../spec'

export const volumeMethods = {
  'volumes.list': call(None, z.array(VolumeSummary))
} as const
