/**
 * "Download": the lines in view as a text file (logFile.ts), saved through Blob + <a download>
 * (allowed by the CSP: no navigation, no inline script).
 */
import type { LogModel } from './logModel'
import { logFileParts } from './logFile'

export function downloadLog(model: LogModel, withTimes: boolean, fileName: string): void {
  const blob = new Blob(logFileParts(model, withTimes), { type: 'text/plain;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Give the browser a moment to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** "web-1-logs-2024-05-01T12-30-05.log": safe on every file system. */
export function logFileName(containerName: string, now: Date = new Date()): string {
  const safe = containerName.replace(/^\//, '').replace(/[^A-Za-z0-9_.-]+/g, '_') || 'container'
  return `${safe}-logs-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.log`
}
