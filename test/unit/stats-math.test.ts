/**
 * The stats arithmetic on real-shaped engine samples: cgroup v1 (captured from the test engine)
 * and cgroup v2 (moby's v2 shape). Expected values are worked out by hand in the comments.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  blockTotals,
  cpuPercent,
  memoryUsedBytes,
  networkTotals,
  toStatsSample,
  type EngineStatsJson
} from '../../electron/core/engine/statsMath'
import { StatsSample } from '../../shared/stats-models'

const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(__dirname, 'stats-fixtures', name), 'utf8')) as T
const [v1First, v1Second] = fixture<EngineStatsJson[]>('cgroup-v1-engine-20.10.json')
const [v2First, v2Second] = fixture<EngineStatsJson[]>('cgroup-v2-shape.json')
const stopped = fixture<EngineStatsJson>('stopped-engine-20.10.json')

describe('cgroup v1 (captured from dockerd 20.10)', () => {
  it('has no CPU % on the first sample of a stream (empty precpu_stats)', () => {
    expect(cpuPercent(v1First)).toBeNull()
  })

  it('computes CPU % of one core from the deltas × online CPUs', () => {
    // (4062811284 − 3058474277) / (3419640000000 − 3417610000000) × 2 × 100 = 98.95…: `yes` keeps one core busy.
    expect(cpuPercent(v1Second)).toBeCloseTo(98.95, 1)
  })

  it('subtracts total_inactive_file from usage', () => {
    expect(memoryUsedBytes(v1Second)).toBe(1171456 - 4096)
  })

  it('maps a whole sample, with the --memory 64m limit', () => {
    const first = toStatsSample(v1First)
    expect(first).toBeDefined()
    const second = toStatsSample(v1Second, first)
    expect(StatsSample.parse(second)).toEqual(second)
    expect(second).toMatchObject({
      memoryLimitBytes: 64 * 1024 * 1024,
      onlineCpus: 2,
      pids: 3,
      networkRxBytes: 736,
      networkTxBytes: 0,
      networkRxBytesPerSecond: 0,
      blockReadBytes: 0,
      blockWriteBytes: 0
    })
    expect(second?.timestampMs).toBe(Date.parse('2026-11-28T22:31:16.70260485Z'))
    // The first sample of a stream has nothing to take a rate from.
    expect(first?.networkRxBytesPerSecond).toBeNull()
    expect(first?.blockWriteBytesPerSecond).toBeNull()
  })

  it('falls back to the per-CPU list when online_cpus is missing (older engines)', () => {
    const older: EngineStatsJson = { ...v1Second, cpu_stats: { ...v1Second.cpu_stats, online_cpus: undefined } }
    expect(cpuPercent(older)).toBeCloseTo(98.95, 1)
  })
})

describe('cgroup v2 shape', () => {
  it('computes CPU % without percpu_usage', () => {
    // (1312345000 − 812345000) / (4008000000000 − 4004000000000) × 4 × 100 = 50
    expect(cpuPercent(v2Second)).toBeCloseTo(50, 6)
    expect(cpuPercent(v2First)).toBeNull()
  })

  it('subtracts inactive_file from usage', () => {
    expect(memoryUsedBytes(v2Second)).toBe(12845056 - 5783552)
  })

  it('sums every interface and both lowercase block I/O ops across devices', () => {
    expect(networkTotals(v2Second)).toEqual({ rx: 105230 + 1000, tx: 3102 + 500 })
    expect(blockTotals(v2Second)).toEqual({ read: 3145728 + 4096, write: 65536 })
  })

  it('turns counter deltas into per-second rates over the read interval', () => {
    const first = toStatsSample(v2First)
    const second = toStatsSample(v2Second, first)
    // Interval: 10:00:00.000 → 10:00:01.002 = 1.002 s.
    expect(second?.networkRxBytesPerSecond).toBeCloseTo(100000 / 1.002, 3)
    expect(second?.networkTxBytesPerSecond).toBeCloseTo(2000 / 1.002, 3)
    expect(second?.blockReadBytesPerSecond).toBeCloseTo(2097152 / 1.002, 3)
    expect(second?.blockWriteBytesPerSecond).toBe(0)
    expect(second?.pids).toBe(7)
  })
})

describe('edge cases', () => {
  it('skips the placeholder a stopped container gets', () => {
    expect(toStatsSample(stopped)).toBeUndefined()
  })

  it.each<[string, EngineStatsJson, number]>([
    ['no memory stats at all', { read: v1Second.read }, 0],
    ['inactive_file larger than usage (not subtracted)', { read: v1Second.read, memory_stats: { usage: 100, stats: { inactive_file: 500 } } }, 100],
    ['v1 key preferred over v2 key', { read: v1Second.read, memory_stats: { usage: 1000, stats: { total_inactive_file: 100, inactive_file: 300 } } }, 900]
  ])('memory: %s', (_what, json, expected) => {
    expect(memoryUsedBytes(json)).toBe(expected)
  })

  it('gives no rate when a counter went backwards (restart, interface recreated)', () => {
    const before = toStatsSample(v2Second)
    const after = toStatsSample(v2First, before)
    expect(after?.networkRxBytesPerSecond).toBeNull()
  })

  it('reports 0 % (not null) for an idle container with a valid interval', () => {
    const idle: EngineStatsJson = { ...v2Second, cpu_stats: { ...v2Second.cpu_stats, cpu_usage: { total_usage: 812345000 } } }
    expect(cpuPercent(idle)).toBe(0)
  })
})
