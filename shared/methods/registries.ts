/** registries.* and credentials (log in/out the Docker way, browse v2 registries, search Docker Hub). Empty until that area lands. */
export const registryMethods = {} as const
