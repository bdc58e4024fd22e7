/** Bad input to the stats streams is refused at the RPC boundary with readable messages. */
import { describe, expect, it } from 'vitest'
import { contract } from '../../shared/contract'
import { MAX_STATS_MANY_IDS } from '../../shared/methods/stats'

const issues = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }, value: unknown): string[] => {
  const result = schema.safeParse(value)
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? [])
}

describe('containers.stats input', () => {
  it.each<[string, unknown, RegExp]>([
    ['missing id', {}, /expected string/i],
    ['empty id', { id: '' }, /an id or name is required/],
    ['id with spaces', { id: 'a b' }, /letters, digits/],
    ['unknown key', { id: 'web', stream: false }, /unrecognized key/i]
  ])('refuses %s', (_what, input, message) => {
    expect(issues(contract['containers.stats'].input, input).join('; ')).toMatch(message)
  })

  it('accepts a name or id', () => {
    expect(issues(contract['containers.stats'].input, { id: 'web-1' })).toEqual([])
  })
})

describe('containers.statsMany input', () => {
  const tooMany = Array.from({ length: MAX_STATS_MANY_IDS + 1 }, (_, i) => `c${i}`)
  it.each<[string, unknown, RegExp]>([
    ['no ids', { ids: [] }, /at least one container/],
    ['too many ids', { ids: tooMany }, new RegExp(`at most ${MAX_STATS_MANY_IDS} containers`)],
    ['a bad id among good ones', { ids: ['web', '../etc'] }, /letters, digits/],
    ['ids not a list', { ids: 'web' }, /expected array/i]
  ])('refuses %s', (_what, input, message) => {
    expect(issues(contract['containers.statsMany'].input, input).join('; ')).toMatch(message)
  })

  it(`accepts up to ${MAX_STATS_MANY_IDS} ids`, () => {
    expect(issues(contract['containers.statsMany'].input, { ids: tooMany.slice(1) })).toEqual([])
  })
})
