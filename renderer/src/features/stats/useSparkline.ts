/**
 * A list row's sparkline data: asks the hub for samples only while the row's cell is actually on
 * screen (an IntersectionObserver against the scrolling grid, so the virtualizer's overscan rows
 * don't open streams) and the container runs.
 */
import { useEffect, useRef, useState, type RefObject } from 'react'
import { useStores } from '../../stores/context'
import { sparklineHubFor, type SparkTrail } from './sparklineHub'

export function useSparkline(containerId: string, running: boolean): { ref: RefObject<HTMLDivElement | null>; trail: SparkTrail | undefined } {
  const { client } = useStores()
  const hub = sparklineHubFor(client)
  const ref = useRef<HTMLDivElement>(null)
  const [onScreen, setOnScreen] = useState(typeof IntersectionObserver !== 'function')
  const [trail, setTrail] = useState<SparkTrail | undefined>(() => hub.trail(containerId))

  useEffect(() => {
    const element = ref.current
    if (!element || typeof IntersectionObserver !== 'function') return
    const observer = new IntersectionObserver(
      (entries) => setOnScreen(entries.some((entry) => entry.isIntersecting)),
      { root: element.closest('[role="grid"]') }
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    if (!running || !onScreen) return
    return hub.watch(containerId, setTrail)
  }, [hub, containerId, running, onScreen])

  return { ref, trail: running ? trail : undefined }
}
