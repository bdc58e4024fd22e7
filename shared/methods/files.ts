/** files: methods are added here by the files work (issue 3). */
export const filesMethods = {} as const
