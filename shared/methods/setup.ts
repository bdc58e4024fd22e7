/** setup.*: getting this machine from "no engine" to a running one (detect, show the commands, run them). Empty until that area lands. */
export const setupMethods = {} as const
