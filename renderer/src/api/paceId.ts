/** A fresh name for a receiver-paced stream (logs, events): the main side keys its window by it. */
export function newPaceId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
