/** Limits of the stats methods that the page needs before its first paint (so: no zod here). */

/** One engine stats connection per container: the list asks only for rows on screen, at most this many. */
export const MAX_STATS_MANY_IDS = 100
