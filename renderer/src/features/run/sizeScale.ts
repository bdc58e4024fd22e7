/**
 * The stops of a memory slider. Sizes people pick span three orders of magnitude (6 MiB to tens of
 * GiB), so a linear range leaves every small value crushed against the left edge; the slider
 * instead moves along round sizes spaced evenly on a log scale — four per doubling (64, 80, 96,
 * 112, 128 MiB …) — which also makes each arrow key a step of 12–25 %. The exact limits of the
 * range (the engine's minimum, the host's memory) are stops too, so both ends can be reached.
 * Any other value is typed in the number box beside it.
 */
import { MIB } from '../../../../shared/run-validation'

/** Multiples of a power of two (in MiB) that make the round sizes between two doublings. */
const STEPS_PER_DOUBLING = [1, 1.25, 1.5, 1.75]

/** Every stop from `min` to `max` bytes, ascending, both ends included. */
export function sizeStops(min: number, max: number): number[] {
  const top = Math.max(max, min)
  const stops = [min]
  for (let power = 0; ; power++) {
    const base = 2 ** power * MIB
    if (base > top) break
    for (const factor of STEPS_PER_DOUBLING) {
      const size = base * factor
      if (size > min && size < top) stops.push(size)
    }
  }
  if (top > min) stops.push(top)
  return stops
}

/** The index of the stop closest to `bytes` on the log scale (ends clamp). */
export function nearestStop(stops: readonly number[], bytes: number): number {
  if (!(bytes > stops[0])) return 0
  let best = 0
  for (let index = 1; index < stops.length; index++) {
    if (Math.abs(Math.log(stops[index] / bytes)) < Math.abs(Math.log(stops[best] / bytes))) best = index
  }
  return best
}
