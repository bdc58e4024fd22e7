/**
 * Transfer speed from the byte count of successive progress snapshots: bytes over the last few
 * seconds (a sliding window, so one burst or stall doesn't swing the figure), null until there
 * is half a second of history to tell from.
 */
import { useEffect, useRef, useState } from 'react'

const WINDOW_MS = 3000
const MIN_SPAN_MS = 500

interface Sample {
  at: number
  bytes: number
}

export function speedOf(samples: readonly Sample[]): number | null {
  if (samples.length < 2) return null
  const first = samples[0]
  const last = samples[samples.length - 1]
  const span = last.at - first.at
  return span >= MIN_SPAN_MS ? ((last.bytes - first.bytes) * 1000) / span : null
}

/** `snapshot` changes with every progress event, so a stall (same byte count) still counts as time passing. */
export function useSpeed(bytesDone: number | null, snapshot: unknown): number | null {
  const samples = useRef<Sample[]>([])
  const [speed, setSpeed] = useState<number | null>(null)
  useEffect(() => {
    if (bytesDone === null) {
      samples.current = []
      setSpeed(null)
      return
    }
    const now = Date.now()
    const kept = samples.current.filter((sample) => now - sample.at <= WINDOW_MS)
    kept.push({ at: now, bytes: bytesDone })
    samples.current = kept
    setSpeed(speedOf(kept))
  }, [bytesDone, snapshot])
  return speed
}
