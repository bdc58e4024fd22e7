/**
 * Berth's tests must leave the machine's own Docker as they found it. `npm test` snapshots the
 * host's `docker0` bridge (and the system engine's view of it) before any step and checks it again
 * after the last one: a private engine that deleted or re-made docker0 (dockerd does that when
 * started with bridge networking off in the host's network namespace) fails the run by name.
 */
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { networkInterfaces } from 'node:os'

const BRIDGE = 'docker0'
const SYSTEM_SOCKET = '/var/run/docker.sock'

/** docker0's identity, state and addresses from sysfs and Node (no `ip`: this runs before provisioning). */
function readBridge() {
  const dir = `/sys/class/net/${BRIDGE}`
  if (!existsSync(dir)) return undefined
  const read = (file) => readFileSync(`${dir}/${file}`, 'utf8').trim()
  const IFF_UP = 0x1
  return {
    index: Number(read('ifindex')),
    up: (Number.parseInt(read('flags'), 16) & IFF_UP) !== 0,
    addresses: (networkInterfaces()[BRIDGE] ?? []).map((a) => a.cidr ?? a.address).sort()
  }
}

/** The system engine's default network, by the bridge it says it uses; undefined when no engine answers. */
function systemBridgeName() {
  if (!existsSync(SYSTEM_SOCKET)) return Promise.resolve(undefined)
  return new Promise((resolve) => {
    const req = http.get({ socketPath: SYSTEM_SOCKET, path: '/networks/bridge', timeout: 3000 }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 ? (JSON.parse(body).Options?.['com.docker.network.bridge.name'] ?? 'bridge') : undefined)
        } catch {
          resolve(undefined)
        }
      })
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(undefined))
  })
}

export async function snapshotHost() {
  return { bridge: readBridge(), systemBridge: await systemBridgeName() }
}

/** What changed since `before`, in words; empty when the host is intact. */
export async function hostChanges(before) {
  const after = await snapshotHost()
  const problems = []
  if (before.bridge && !after.bridge) problems.push(`the host's ${BRIDGE} bridge was deleted`)
  else if (before.bridge && after.bridge) {
    if (before.bridge.index !== after.bridge.index) problems.push(`the host's ${BRIDGE} bridge was deleted and made again`)
    if (before.bridge.up !== after.bridge.up) problems.push(`the host's ${BRIDGE} bridge went ${after.bridge.up ? 'up' : 'down'}`)
    if (before.bridge.addresses.join() !== after.bridge.addresses.join()) {
      problems.push(`the host's ${BRIDGE} addresses changed: ${before.bridge.addresses.join(' ') || 'none'} → ${after.bridge.addresses.join(' ') || 'none'}`)
    }
  }
  if (before.systemBridge && before.systemBridge !== after.systemBridge) {
    problems.push(`the system engine's default network no longer answers as before (${before.systemBridge} → ${after.systemBridge ?? 'no answer'})`)
  }
  return problems
}
