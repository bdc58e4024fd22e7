/** images.*: the list and removal (owner: image maintenance — remove, prune, save, load). */
import { z } from 'zod'
import { ImageSummary, ObjectRef } from '../models'
import { call, Done, None } from '../spec'

export const imageMethods = {
  'images.list': call(None, z.array(ImageSummary)),
  'images.remove': call(z.object({ id: ObjectRef, force: z.boolean().optional() }).strict(), Done)
} as const
