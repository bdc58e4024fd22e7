/**
 * Volume sizes, read apart from the list: the engine measures them by walking every volume
 * (GET /system/df), which can take seconds where the plain list takes milliseconds. Read when the
 * page opens, again when volumes come or go (at most every few seconds), and on request.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RpcClient } from '../../api/client'
import { describeError } from '../../stores/describeError'

export interface VolumeSizesState {
  /** name → bytes, or null when the driver doesn't report a size. Missing: not measured yet. */
  sizes: ReadonlyMap<string, number | null>
  measuredMs: number | null
  measuring: boolean
  error: string | null
  measure: () => void
}

const MIN_INTERVAL_MS = 3_000

export function useVolumeSizes(client: RpcClient, names: readonly string[]): VolumeSizesState {
  const [sizes, setSizes] = useState<ReadonlyMap<string, number | null>>(new Map())
  const [measuredMs, setMeasuredMs] = useState<number | null>(null)
  const [measuring, setMeasuring] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inFlight = useRef(false)
  const again = useRef(false)
  const lastStart = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const mounted = useRef(true)

  const run = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true
      return
    }
    inFlight.current = true
    lastStart.current = Date.now()
    setMeasuring(true)
    try {
      const answer = await client.call('volumes.sizes', {})
      if (!mounted.current) return
      setSizes(new Map(answer.sizes.map((s) => [s.name, s.size])))
      setMeasuredMs(answer.measuredMs)
      setError(null)
    } catch (err) {
      if (mounted.current) setError(describeError(err))
    } finally {
      inFlight.current = false
      if (mounted.current) setMeasuring(false)
      if (again.current && mounted.current) {
        again.current = false
        void run()
      }
    }
  }, [client])

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    const wait = Math.max(0, lastStart.current + MIN_INTERVAL_MS - Date.now())
    timer.current = setTimeout(() => {
      timer.current = null
      void run()
    }, wait)
  }, [run])

  const key = [...names].sort().join('\n')
  useEffect(() => {
    schedule()
  }, [key, schedule])

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      if (timer.current) clearTimeout(timer.current)
    }
  }, [])

  return { sizes, measuredMs, measuring, error, measure: () => void run() }
}
