/**
 * The text of a log download: the lines in view (after the stream filter), built from the buffer
 * in slices so even 1 M lines never make one giant string. DOM-free so Node tests use it.
 */
import { LOG_CAP_TEXT } from './logBuffer'
import type { LogModel } from './logModel'
import { formatLogTime } from './logOptions'

const SLICE_LINES = 10_000

export function logFileParts(model: LogModel, withTimes: boolean): string[] {
  const parts: string[] = []
  const buffer = model.buffer
  if (buffer.dropped > 0) {
    parts.push(
      `# Berth: ${buffer.dropped.toLocaleString('en-US')} older lines are not in this file: the view keeps ${LOG_CAP_TEXT}.\n`
    )
  }
  let slice: string[] = []
  for (let row = 0; row < model.rowCount; row++) {
    const seq = model.seqAtRow(row)
    const text = buffer.text(seq)
    slice.push(withTimes ? `${formatLogTime(buffer.time(seq))} ${text}` : text)
    if (slice.length === SLICE_LINES) {
      parts.push(slice.join('\n') + '\n')
      slice = []
    }
  }
  if (slice.length > 0) parts.push(slice.join('\n') + '\n')
  return parts
}
