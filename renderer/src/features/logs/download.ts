/**
 * "Download": the lines in view as a text file (logFile.ts), offered through the shared
 * saveBlob (Blob + <a download>, allowed by the CSP).
 */
import { saveBlob } from '../../lib/download'
import type { LogModel } from './logModel'
import { logFileParts } from './logFile'

export function downloadLog(model: LogModel, withTimes: boolean, fileName: string): void {
  saveBlob(new Blob(logFileParts(model, withTimes), { type: 'text/plain;charset=utf-8' }), fileName)
}

/** "web-1-logs-2024-05-01T12-30-05.log": safe on every file system. */
export function logFileName(containerName: string, now: Date = new Date()): string {
  const safe = containerName.replace(/^\//, '').replace(/[^A-Za-z0-9_.-]+/g, '_') || 'container'
  return `${safe}-logs-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.log`
}
