/** disk.* (disk usage by kind and clean-up with a preview). Empty until that area lands. */
export const diskMethods = {} as const
