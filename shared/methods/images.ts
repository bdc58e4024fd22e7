/**
 * images.*: the list, removal (with the containers in the way named), prune in two steps, and
 * save/load as streamed transfers (owner: image maintenance).
 */
import { z } from 'zod'
import { ImageSummary, ObjectRef } from '../models'
import {
  ImagePruneInput,
  ImagePrunePreview,
  ImagePrunePreviewInput,
  ImagePruneResult,
  LoadImagesInput,
  RemovalPlan,
  RemovalResult,
  RemoveImageInput,
  SaveImagesInput,
  TransferProgress
} from '../image-maintenance-models'
import { call, None, stream } from '../spec'

export const imageMethods = {
  'images.list': call(None, z.array(ImageSummary)),
  /** What removing this reference would do (untag or delete) and who is in the way; changes nothing. */
  'images.removalPlan': call(z.object({ id: ObjectRef }).strict(), RemovalPlan),
  /**
   * Removes a reference as the engine does (a tag of a multi-tag image: untag; the last tag or the
   * id: delete with all its tags). Containers using the image → IN_USE naming them (detail:
   * ImageInUseDetail), unless they are listed in removeContainers (stopRunning for running ones).
   */
  'images.remove': call(RemoveImageInput, RemovalResult),
  'images.prunePreview': call(ImagePrunePreviewInput, ImagePrunePreview),
  /** Removes exactly these ids (from a preview); one used since the preview is refused, not removed. */
  'images.prune': call(ImagePruneInput, ImagePruneResult),
  /** Several images into one tar (docker save), to a file (desktop) or a one-time HTTP download. */
  'images.save': stream(SaveImagesInput, TransferProgress),
  /** A tar (docker load) from a file (desktop) or a one-time HTTP upload. */
  'images.load': stream(LoadImagesInput, TransferProgress)
} as const
