/** stats: methods are added here by the stats work (issue 3). */
export const statsMethods = {} as const
