import { describe, expect, it } from 'vitest'
import { humanDuration, statusSentence } from '../../../electron/core/engine/inspect-summary'

describe('humanDuration speaks like the engine', () => {
  it.each([
    [500, 'Less than a second'],
    [1_000, '1 second'],
    [42_000, '42 seconds'],
    [61_000, 'About a minute'],
    [5 * 60_000, '5 minutes'],
    [60 * 60_000, 'About an hour'],
    [5 * 3_600_000, '5 hours'],
    [3 * 86_400_000, '3 days'],
    [20 * 86_400_000, '2 weeks'],
    [90 * 86_400_000, '3 months'],
    [800 * 86_400_000, '2 years']
  ])('%i ms → %s', (ms, words) => {
    expect(humanDuration(ms)).toBe(words)
  })
})

describe('statusSentence', () => {
  const now = Date.parse('2026-01-01T12:00:00Z')
  it.each([
    [{ Running: true, StartedAt: '2026-01-01T11:57:00Z' }, 'Up 3 minutes'],
    [{ Running: true, Paused: true, StartedAt: '2026-01-01T11:57:00Z' }, 'Up 3 minutes (Paused)'],
    [{ Running: true, StartedAt: '2026-01-01T11:59:50Z', Health: { Status: 'healthy' } }, 'Up 10 seconds (healthy)'],
    [{ Running: true, StartedAt: '2026-01-01T11:59:50Z', Health: { Status: 'starting' } }, 'Up 10 seconds (health: starting)'],
    [{ Running: true, Restarting: true, ExitCode: 1, FinishedAt: '2026-01-01T11:59:58Z' }, 'Restarting (1) 2 seconds ago'],
    [{ Status: 'exited', ExitCode: 137, StartedAt: '2026-01-01T10:00:00Z', FinishedAt: '2026-01-01T11:00:00Z' }, 'Exited (137) About an hour ago'],
    [{ Status: 'created', StartedAt: '0001-01-01T00:00:00Z' }, 'Created'],
    [{ Status: 'dead', Dead: true, StartedAt: '2026-01-01T10:00:00Z' }, 'Dead'],
    [{ Status: 'removing' }, 'Removal In Progress']
  ])('%j → %s', (state, sentence) => {
    expect(statusSentence(state, now)).toBe(sentence)
  })
})
