/**
 * A value someone is editing on top of a value the engine reports. Until they touch it the field
 * shows (and follows) the engine; once touched it shows their draft, whatever the engine reports
 * meanwhile, until the draft is applied (`settle`) or cancelled (`discard`). Inspect is re-read on
 * every event for the container — Berth's own applies included — so without this a half-typed
 * value would be overwritten by the next re-read.
 */
import { useCallback, useRef, useState } from 'react'

export interface Draft<T> {
  /** What the field shows: the draft while there is one, else the engine's value. */
  value: T
  /** The person changed it and has neither applied nor cancelled yet. */
  dirty: boolean
  set: (value: T) => void
  discard: () => void
  /** The draft `sent` was applied: follow the engine again, unless it was edited meanwhile. */
  settle: (sent: T) => void
}

interface Held<T> {
  value: T
}

export function useDraft<T>(engineValue: T): Draft<T> {
  const [draft, setDraft] = useState<Held<T> | null>(null)
  // The latest draft for `settle`, which runs after an await and must not read a stale render.
  const latest = useRef<Held<T> | null>(null)
  const set = useCallback((value: T) => {
    latest.current = { value }
    setDraft(latest.current)
  }, [])
  const discard = useCallback(() => {
    latest.current = null
    setDraft(null)
  }, [])
  const settle = useCallback((sent: T) => {
    if (latest.current && !Object.is(latest.current.value, sent)) return
    latest.current = null
    setDraft(null)
  }, [])
  return { value: draft ? draft.value : engineValue, dirty: draft !== null, set, discard, settle }
}
