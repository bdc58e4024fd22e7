/** Memory sliders' log scale: round stops, both ends reachable, small sizes get room. */
import { describe, expect, it } from 'vitest'
import { nearestStop, sizeStops } from '../../renderer/src/features/run/sizeScale'

const MIB = 1024 ** 2
const GIB = 1024 ** 3

describe('sizeStops', () => {
  it('runs from the minimum to the maximum through round sizes, four per doubling', () => {
    const stops = sizeStops(6 * MIB, 4 * GIB)
    expect(stops[0]).toBe(6 * MIB)
    expect(stops.at(-1)).toBe(4 * GIB)
    expect(stops.slice(0, 6).map((b) => b / MIB)).toEqual([6, 7, 8, 10, 12, 14])
    expect(stops.filter((b) => b >= 64 * MIB && b <= 128 * MIB).map((b) => b / MIB)).toEqual([64, 80, 96, 112, 128])
    expect(stops.every((b, i) => i === 0 || b > stops[i - 1])).toBe(true)
    // Each step is a similar ratio, so 64 MiB sits well inside the range, not against its left edge.
    expect(nearestStop(stops, 64 * MIB) / (stops.length - 1)).toBeGreaterThan(0.3)
    expect(stops.length).toBeLessThan(50)
  })

  it('keeps an odd host size as the last stop and copes with max below min', () => {
    const odd = 3.8 * GIB
    expect(sizeStops(6 * MIB, odd).at(-1)).toBe(odd)
    expect(sizeStops(6 * MIB, 3 * MIB)).toEqual([6 * MIB])
  })

  it('finds the nearest stop on the log scale, clamping at the ends', () => {
    const stops = sizeStops(6 * MIB, 1 * GIB)
    expect(stops[nearestStop(stops, 300 * MIB)]).toBe(320 * MIB)
    expect(nearestStop(stops, 1)).toBe(0)
    expect(nearestStop(stops, Number.NaN)).toBe(0)
    expect(nearestStop(stops, 64 * GIB)).toBe(stops.length - 1)
  })
})
