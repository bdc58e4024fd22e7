import { afterAll, beforeAll, it } from 'vitest'
import http from 'node:http'
import { JsonLinesFramer } from '../../electron/core/engine/streams'
import { toStatsSample } from '../../electron/core/engine/statsMath'
import { createTestCore, removeLabelledContainers, TRAPPING_COMMAND, type TestCore } from './handlers-kit'
let t: TestCore
const ids: string[] = []
beforeAll(async () => {
  t = await createTestCore()
  for (let i = 0; i < 50; i++) {
    const c = await t.docker.createContainer({ Image: t.host.testImage, Cmd: TRAPPING_COMMAND, Labels: t.labels, HostConfig: { NetworkMode: 'none' } })
    await c.start()
    ids.push(c.id)
  }
}, 120_000)
afterAll(async () => { await removeLabelledContainers(t); await t.dispose() })
async function cpuOver(ms: number, run: (signal: AbortSignal) => void): Promise<number> {
  const controller = new AbortController()
  run(controller.signal)
  await new Promise((r) => setTimeout(r, 3000))
  const before = process.cpuUsage()
  await new Promise((r) => setTimeout(r, ms))
  const d = process.cpuUsage(before)
  controller.abort()
  await new Promise((r) => setTimeout(r, 500))
  return ((d.user + d.system) / 1000 / ms) * 100
}
it('profile', async () => {
  let n = 0
  const idle = await cpuOver(8000, () => {})
  const raw = await cpuOver(8000, (signal) => {
    for (const id of ids) http.get({ socketPath: t.host.dockerSocket, path: `/containers/${id}/stats?stream=true`, signal }, (res) => { res.on('data', () => { n++ }); res.on('error', () => {}) }).on('error', () => {})
  })
  const rawFramed = await cpuOver(8000, (signal) => {
    for (const id of ids) http.get({ socketPath: t.host.dockerSocket, path: `/containers/${id}/stats?stream=true`, signal }, (res) => { const f = new JsonLinesFramer((v) => { toStatsSample(v as never); n++ }); res.on('data', (c: Buffer) => f.push(c)); res.on('error', () => {}) }).on('error', () => {})
  })
  const dockerodeRaw = await cpuOver(8000, (signal) => {
    for (const id of ids) void (t.docker.getContainer(id).stats({ stream: true, abortSignal: signal } as { stream: true }) as Promise<NodeJS.ReadableStream>).then((res) => { res.on('data', () => { n++ }); res.on('error', () => {}) }, () => {})
  })
  const many = await cpuOver(8000, (signal) => { void t.core.handlers['containers.statsMany']({ ids }, () => { n++ }, signal) })
  const follow = await cpuOver(8000, (signal) => { for (const id of ids) void t.core.handlers['containers.stats']({ id }, () => { n++ }, signal) })
  console.log({ idle, raw, rawFramed, dockerodeRaw, many, follow, n })
}, 120_000)
