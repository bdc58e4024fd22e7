/**
 * Private engines must never touch the host's network interfaces. A dockerd that shares the host's
 * network namespace deletes or takes over an interface called `docker0` at start-up (with bridge
 * networking off it tidies away the default bridge it thinks it made), which breaks the
 * networking of the developer's own engine. This test
 * puts a `docker0` in place when there is none (and removes only that one), starts a throwaway
 * engine, and checks that `docker0` is still there, unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readInterface, type InterfaceSnapshot } from '../support/hostInterfaces'
import { execFileSync } from 'node:child_process'
import { startPrivateEngine, type PrivateEngine } from '../support/privateEngine'

const BRIDGE = 'docker0'
const SENTINEL_ALIAS = 'berth-test-sentinel'
let before: InterfaceSnapshot | undefined
let engine: PrivateEngine | undefined

beforeAll(() => {
  if (!readInterface(BRIDGE)) {
    execFileSync('ip', ['link', 'add', BRIDGE, 'type', 'bridge'])
    execFileSync('ip', ['link', 'set', BRIDGE, 'alias', SENTINEL_ALIAS])
  }
  before = readInterface(BRIDGE)
})

afterAll(async () => {
  await engine?.stop()
  // Only a bridge this file made (its alias says so, even one left by a crashed run) goes; a real
  // docker0 stays whatever happened above.
  if (readInterface(BRIDGE)?.alias === SENTINEL_ALIAS) execFileSync('ip', ['link', 'del', BRIDGE])
})

describe('host interfaces', () => {
  it('a private engine leaves the host docker0 bridge in place', async () => {
    expect(before).toBeDefined()
    engine = await startPrivateEngine('iface-guard')
    const after = readInterface(BRIDGE)
    expect(after, 'docker0 vanished when a private engine started').toBeDefined()
    expect(after).toEqual(before)
  })
})
