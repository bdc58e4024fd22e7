/** run: methods are added here by the run work (issue 3). */
export const runMethods = {} as const
