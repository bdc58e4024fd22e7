/**
 * Bad run / update / rename input at the RPC boundary: the peer answers INVALID_INPUT with the
 * field and run-validation's own sentence, the handler never runs, and the engine has nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Peer } from '../../electron/core/rpc/peer'
import type { HandlerTable } from '../../electron/core/rpc/handlers'
import type { ServerFrame } from '../../shared/wire'
import { MIB } from '../../shared/run-validation'
import { createTestCore, removeLabelledContainers, uniqueName, type TestCore } from './handlers-kit'
import { baseSpec, type RunInput } from './run-kit'

let t: TestCore
let reached: string[]
let peer: Peer
let frames: ServerFrame[]
let nextId = 1

beforeAll(async () => {
  t = await createTestCore()
  reached = []
  // Records which handlers actually ran: bad input must stop at the peer.
  const spied = new Proxy(t.core.handlers, {
    get(target, method: string) {
      const handler = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[method]
      return (...args: unknown[]) => {
        reached.push(method)
        return handler(...args)
      }
    }
  }) as HandlerTable
  frames = []
  peer = new Peer(spied, (frame) => frames.push(frame))
})

afterAll(async () => {
  peer.close()
  await removeLabelledContainers(t)
  await t.dispose()
})

async function send(method: string, input: unknown): Promise<ServerFrame> {
  const id = nextId++
  peer.receive({ t: 'call', id, method, input })
  for (let waited = 0; waited < 10_000; waited += 10) {
    const answer = frames.find((f) => f.id === id)
    if (answer) return answer
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`no answer to ${method}`)
}

const CASES: Array<[string, (spec: RunInput) => RunInput, RegExp]> = [
  ['a name with a space', (s) => ({ ...s, name: 'my app' }), /^name: Use at least 2 characters/],
  ['a one-letter name', (s) => ({ ...s, name: 'a' }), /^name: Use at least 2 characters/],
  ['an image with uppercase and spaces', (s) => ({ ...s, image: 'Busy Box' }), /^image: Not an image reference/],
  ['host port 0', (s) => ({ ...s, ports: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }] }), /^ports\.0\.hostPort: Ports are whole numbers from 1 to 65535/],
  ['container port 70000', (s) => ({ ...s, ports: [{ containerPort: 70000, protocol: 'tcp' }] }), /^ports\.0\.containerPort: Ports are whole numbers/],
  [
    'the same host port twice',
    (s) => ({ ...s, ports: [{ containerPort: 80, hostPort: 18080, protocol: 'tcp' }, { containerPort: 81, hostPort: 18080, protocol: 'tcp' }] }),
    /^ports\.1\.hostPort: Host port 18080\/tcp is already used by row 1/
  ],
  ['a bad host ip', (s) => ({ ...s, ports: [{ containerPort: 80, hostIp: '300.1.1.1', protocol: 'tcp' }] }), /^ports\.0\.hostIp: Use an IP address/],
  ['a relative bind source', (s) => ({ ...s, mounts: [{ type: 'bind', source: 'data', target: '/data', readOnly: false }] }), /^mounts\.0\.source: Bind mounts need an absolute host path/],
  ['a relative container path', (s) => ({ ...s, mounts: [{ type: 'volume', source: 'vol1', target: 'data', readOnly: true }] }), /^mounts\.0\.target: The container path must be absolute/],
  ['memory below 6 MiB', (s) => ({ ...s, resources: { memory: 4 * MIB } }), /^resources\.memory: The engine needs at least 6 MiB/],
  ['swap below memory', (s) => ({ ...s, resources: { memory: 64 * MIB, memorySwap: 32 * MIB } }), /^resources\.memorySwap: Memory \+ swap must be at least the memory limit \(64 MiB\)/],
  ['0.001 CPUs', (s) => ({ ...s, resources: { nanoCpus: 1_000_000 } }), /^resources\.nanoCpus: CPUs must be at least 0\.01/],
  ['a pids limit of 0.5', (s) => ({ ...s, resources: { pidsLimit: 0.5 } }), /^resources\.pidsLimit/],
  ['an env key with a dash', (s) => ({ ...s, env: [{ key: 'MY-VAR', value: '1' }] }), /^env\.0\.key: Variable names use letters, digits and _/],
  ['a relative working dir', (s) => ({ ...s, workingDir: 'app' }), /^workingDir: The working directory must be an absolute path/],
  ['retries without on-failure', (s) => ({ ...s, restartPolicy: { name: 'always', maximumRetryCount: 3 } }), /^restartPolicy\.maximumRetryCount: A retry count only applies/]
]

describe('containers.create refuses bad input before any engine call', () => {
  it.each(CASES)('%s', async (_title, mutate, expected) => {
    const marker = uniqueName('berth-invalid')
    const spec = mutate(baseSpec(t, { labels: [...baseSpec(t).labels, { key: 'berth.test.case', value: marker }] }))
    reached.length = 0
    const answer = await send('containers.create', spec)
    expect(answer.t).toBe('err')
    if (answer.t !== 'err') return
    expect(answer.error.code).toBe('INVALID_INPUT')
    expect(answer.error.message).toMatch(expected)
    expect(reached, 'the handler (and so the engine) was never reached').toEqual([])
    const onEngine = await t.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`berth.test.case=${marker}`] }) })
    expect(onEngine).toEqual([])
  })
})

describe('update and rename refuse bad input at the boundary', () => {
  it.each([
    ['update with nothing to do', 'containers.update', { id: 'abc123' }, /Nothing to update/],
    ['update memory below 6 MiB', 'containers.update', { id: 'abc123', resources: { memory: MIB } }, /^resources\.memory: The engine needs at least 6 MiB/],
    ['update swap below memory', 'containers.update', { id: 'abc123', resources: { memory: 64 * MIB, memorySwap: 8 * MIB } }, /^resources\.memorySwap/],
    ['rename to an invalid name', 'containers.rename', { id: 'abc123', name: '-bad' }, /^name: Use at least 2 characters/],
    ['rename to nothing', 'containers.rename', { id: 'abc123', name: '' }, /^name: Enter the new name/]
  ] as const)('%s', async (_title, method, input, expected) => {
    reached.length = 0
    const answer = await send(method, input)
    expect(answer.t === 'err' && answer.error.code).toBe('INVALID_INPUT')
    expect(answer.t === 'err' ? answer.error.message : '').toMatch(expected)
    expect(reached).toEqual([])
  })

  it('a valid request does reach the handler (the spy sees real calls)', async () => {
    reached.length = 0
    const answer = await send('containers.inspect', { id: 'no-such-container-berth' })
    expect(answer.t === 'err' && answer.error.code).toBe('NOT_FOUND')
    expect(reached).toEqual(['containers.inspect'])
  })
})
