/**
 * Seeded generators for fuzzing the RPC boundary: random JSON values, mutated valid frames and
 * hostile method names. Seeded so a failure prints a seed that reproduces it.
 */
import { contract } from '../../shared/contract'

export type Random = () => number

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]

const METHOD_NAMES = Object.keys(contract)
const HOSTILE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', 'engines.', '.list', 'ENGINES.LIST']
const WEIRD_STRINGS = ['', ' ', '\u0000', '\ud800', '💥', '../../etc/passwd', '%00', 'a'.repeat(300), '<script>', '"\'`']

export function randomString(random: Random, maxLength = 40): string {
  if (random() < 0.3) return pick(random, WEIRD_STRINGS)
  const length = Math.floor(random() * maxLength)
  let text = ''
  for (let i = 0; i < length; i++) text += String.fromCharCode(32 + Math.floor(random() * 95))
  return text
}

export function randomNumber(random: Random): number {
  return pick(random, [0, -0, -1, 1, 1.5, 2 ** 53, 2 ** 53 + 2, -(2 ** 31), 1e308, Math.floor(random() * 1000), random()])
}

export function randomJson(random: Random, depth = 0): unknown {
  const roll = random()
  if (depth > 3 || roll < 0.15) return pick(random, [null, true, false])
  if (roll < 0.35) return randomNumber(random)
  if (roll < 0.55) return randomString(random)
  if (roll < 0.75) {
    const items: unknown[] = []
    const count = Math.floor(random() * 4)
    for (let i = 0; i < count; i++) items.push(randomJson(random, depth + 1))
    return items
  }
  const object: Record<string, unknown> = {}
  const count = Math.floor(random() * 5)
  for (let i = 0; i < count; i++) object[pick(random, ['t', 'id', 'method', 'input', randomString(random, 8)])] = randomJson(random, depth + 1)
  return object
}

export function randomMethodName(random: Random): string {
  const roll = random()
  if (roll < 0.4) return pick(random, METHOD_NAMES)
  if (roll < 0.6) return pick(random, HOSTILE_NAMES)
  return randomString(random, 60)
}

/** A frame that might be valid, then maybe broken in one or two places. */
export function mutatedFrame(random: Random, id: number): Record<string, unknown> {
  const method = randomMethodName(random)
  const base: Record<string, unknown> = pick(random, [
    { t: 'call', id, method, input: {} },
    { t: 'sub', id, method, input: {} },
    { t: 'call', id, method: 'containers.stop', input: { id: 'web', timeoutSeconds: 3 } },
    { t: 'call', id, method: 'engines.list', input: {} },
    { t: 'sub', id, method: 'events.watch', input: {} },
    { t: 'cancel', id }
  ])
  const mutations = Math.floor(random() * 3)
  for (let i = 0; i < mutations; i++) {
    const key = pick(random, ['t', 'id', 'method', 'input', 'extra'])
    const action = random()
    if (action < 0.3) delete base[key]
    else if (action < 0.5 && key === 'input') base.input = { id: randomString(random, 20), timeoutSeconds: randomNumber(random) }
    else base[key] = randomJson(random)
  }
  return base
}
