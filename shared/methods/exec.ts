/** exec: methods are added here by the exec work (issue 3). */
export const execMethods = {} as const
