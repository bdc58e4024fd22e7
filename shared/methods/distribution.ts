/**
 * images.pull and images.push: streams of layer progress ending in one `done` event; cancelling
 * the stream stops the engine's work (the request to the engine is destroyed). images.tag: a
 * call. References are checked against docker's grammar here, before any engine call, with the
 * same sentences the dialogs show beside the field.
 */
import { z } from 'zod'
import { ObjectRef } from '../models'
import { PullEvent, PushEvent, ReferenceText, TagReferenceText, TagResult } from '../distribution-models'
import { call, stream } from '../spec'

export const distributionMethods = {
  'images.pull': stream(z.object({ reference: ReferenceText }).strict(), PullEvent),
  'images.push': stream(z.object({ reference: TagReferenceText }).strict(), PushEvent),
  'images.tag': call(
    z
      .object({
        /** The image to tag: its id or any reference it already has. */
        source: ObjectRef,
        /** The new name, e.g. 127.0.0.1:5000/team/app:v2 ("latest" when no tag is written). */
        target: TagReferenceText
      })
      .strict(),
    TagResult
  )
} as const
