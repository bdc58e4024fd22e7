/**
 * images.inspect (one image: tags, history, config, the containers using it) and
 * images.layerTree (every image's layers as one tree of shared layers, by chain id).
 */
import { z } from 'zod'
import { ImageDetails, LayerTree } from '../image-details-models'
import { ObjectRef } from '../models'
import { call, None } from '../spec'

export const imageDetailsMethods = {
  'images.inspect': call(z.object({ id: ObjectRef }).strict(), ImageDetails),
  'images.layerTree': call(None, LayerTree)
} as const
