/** build.* (build from a Dockerfile with streamed steps, cache marks, history). Empty until that area lands. */
export const buildMethods = {} as const
