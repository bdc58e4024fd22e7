/** Bounds of streamed transfers. */

/** Biggest tar an image load accepts over HTTP (a bigger declared or actual body is refused). */
export const MAX_LOAD_BYTES = 64 * 1024 ** 3
