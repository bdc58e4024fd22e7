/** images.*, volumes.*, networks.*: lists and removal. */
import { z } from 'zod'
import { ImageSummary, NetworkSummary, ObjectRef, VolumeSummary } from '../models'
import { call, Done, None } from '../spec'

export const resourceMethods = {
  'images.list': call(None, z.array(ImageSummary)),
  'images.remove': call(z.object({ id: ObjectRef, force: z.boolean().optional() }).strict(), Done),
  'volumes.list': call(None, z.array(VolumeSummary)),
  'networks.list': call(None, z.array(NetworkSummary))
} as const
