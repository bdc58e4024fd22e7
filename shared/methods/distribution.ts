/** images.pull, images.push, images.tag (pull/push/tag with per-layer progress). Empty until that area lands. */
export const distributionMethods = {} as const
