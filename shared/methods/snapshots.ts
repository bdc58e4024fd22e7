/** snapshots: methods are added here by the snapshots work (issue 3). */
export const snapshotsMethods = {} as const
