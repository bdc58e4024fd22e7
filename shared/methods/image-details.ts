/** images.inspect and the layer tree across all images. Empty until that area lands. */
export const imageDetailsMethods = {} as const
