/** logs: methods are added here by the logs work (issue 3). */
export const logsMethods = {} as const
