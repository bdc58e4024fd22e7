/**
 * Image details and the layer tree across all images: Berth's own shapes (never the engine's).
 * Times are Unix seconds, sizes bytes. History is oldest first (the order a Dockerfile reads),
 * unlike `docker history`, which prints newest first.
 */
import { z } from 'zod'
import { ContainerState } from './models'

/** One step of an image's history: a Dockerfile instruction, a commit or an import. */
export const ImageHistoryEntry = z.object({
  created: z.number(),
  /** The instruction as people write it: "RUN apk add curl", "ENV PATH=/bin", "CMD ["sh"]". */
  createdBy: z.string(),
  /** What the engine recorded ("/bin/sh -c #(nop)  CMD …"), for the curious. */
  createdByRaw: z.string(),
  /** Bytes this step added to the filesystem (0 for empty steps). */
  size: z.number(),
  comment: z.string(),
  /** True when the step changed only the configuration (ENV, CMD, LABEL…) and made no layer. */
  empty: z.boolean(),
  /** The chain id of the layer this step made (see LayerTreeNode.chainId); absent for empty steps. */
  chainId: z.string().optional(),
  /** The local image this step produced, when the engine still has it (classic builds keep one per step). */
  imageId: z.string().optional(),
  tags: z.array(z.string())
})
export type ImageHistoryEntry = z.infer<typeof ImageHistoryEntry>

export const ImageConfig = z.object({
  /** KEY=VALUE, in the image's order. */
  env: z.array(z.string()),
  cmd: z.array(z.string()).nullable(),
  entrypoint: z.array(z.string()).nullable(),
  workingDir: z.string(),
  user: z.string(),
  /** "80/tcp", "53/udp". */
  exposedPorts: z.array(z.string()),
  /** Paths declared with VOLUME. */
  volumes: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  stopSignal: z.string().optional(),
  /** The HEALTHCHECK test, e.g. ["CMD-SHELL", "curl -f localhost"]. */
  healthcheck: z.array(z.string()).optional(),
  onBuild: z.array(z.string())
})
export type ImageConfig = z.infer<typeof ImageConfig>

export const ImageContainerRef = z.object({
  id: z.string(),
  name: z.string(),
  state: ContainerState,
  status: z.string()
})
export type ImageContainerRef = z.infer<typeof ImageContainerRef>

export const ImageDetails = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  /** The local parent image (classic builds); absent for pulled images. */
  parentId: z.string().optional(),
  created: z.number(),
  author: z.string(),
  comment: z.string(),
  dockerVersion: z.string(),
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
  /** All layers together, as the engine counts them. */
  size: z.number(),
  /** How many filesystem layers (RootFS.Layers). */
  layerCount: z.number().int(),
  config: ImageConfig,
  history: z.array(ImageHistoryEntry),
  /** Containers of any state created from exactly this image. */
  containers: z.array(ImageContainerRef)
})
export type ImageDetails = z.infer<typeof ImageDetails>

/**
 * One layer in the tree, identified by its chain id: the id of the layer *together with every
 * layer below it* (the engine's own key for a layer stack), so two images share a node exactly
 * when they share that layer and everything under it.
 */
export const LayerTreeNode = z.object({
  chainId: z.string(),
  /** Index of the layer below in `nodes`, or -1 for a bottom layer. Parents come before children. */
  parent: z.number().int(),
  /** Bytes this layer adds. */
  size: z.number(),
  /** Bytes of this layer and all below it: the size of an image whose top layer this is. */
  cumulativeSize: z.number(),
  /** The instruction that made the layer (readable, at most 300 characters). */
  createdBy: z.string(),
  /** Tagged or dangling images (not intermediate ones) whose layers include this one. */
  usedBy: z.number().int(),
  /** Indexes in `images` of the images whose top layer this is. */
  images: z.array(z.number().int())
})
export type LayerTreeNode = z.infer<typeof LayerTreeNode>

export const LayerTreeImage = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  created: z.number(),
  size: z.number(),
  /** Index in `nodes` of the image's top layer; -1 for an image without layers (FROM scratch, no files). */
  node: z.number().int(),
  /** Untagged and nothing built on it: `docker image prune` removes it. */
  dangling: z.boolean(),
  /** Untagged and another image was built on it (a classic builder's step): removed with its child. */
  intermediate: z.boolean(),
  /** Bytes in layers no other (non-intermediate) image uses: what removing it would free. */
  uniqueSize: z.number(),
  /** Bytes in layers other images use too. */
  sharedSize: z.number()
})
export type LayerTreeImage = z.infer<typeof LayerTreeImage>

export const LayerTree = z.object({
  nodes: z.array(LayerTreeNode),
  images: z.array(LayerTreeImage),
  totals: z.object({
    /** Every distinct layer counted once: what the images really take on disk. */
    layerBytes: z.number(),
    /** The sum of the (non-intermediate) images' sizes, as the list adds them up. */
    imageBytes: z.number()
  }),
  /** How the answer was made, for benchmarks and curious people. */
  stats: z.object({
    images: z.number().int(),
    /** Images read from the engine for this answer (the rest came from the cache). */
    inspected: z.number().int(),
    histories: z.number().int(),
    ms: z.number()
  })
})
export type LayerTree = z.infer<typeof LayerTree>
