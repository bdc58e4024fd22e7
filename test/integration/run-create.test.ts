/**
 * containers.create / inspect / update on the real engine: limits given at run time reach the
 * engine's inspect, its stats and the container's own cgroup; live updates do too; conflicts the
 * engine would word cryptically are explained.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import { MIB } from '../../shared/run-validation'
import { ENGINE_UPDATES_CONTAINERS, call, createTestCore, removeLabelledContainers, uniqueName, type TestCore } from './handlers-kit'
import { baseSpec, cgroupValue, statsMemoryLimit } from './run-kit'

let t: TestCore

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeLabelledContainers(t)
  await t.dispose()
})

describe('containers.create with limits', () => {
  it('runs a container whose inspect, stats and cgroup show the limits, ports, mounts, env and restart policy', async () => {
    const name = uniqueName('berth-run')
    const { port } = await call(t.core, 'containers.freePort', { protocol: 'tcp' })
    const created = await call(
      t.core,
      'containers.create',
      baseSpec(t, {
        name,
        env: [{ key: 'GREETING', value: 'hello world' }],
        ports: [{ containerPort: 8080, hostPort: port, hostIp: '127.0.0.1', protocol: 'tcp' }],
        mounts: [{ type: 'volume', source: `${name}-data`, target: '/data', readOnly: false }],
        restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
        workingDir: '/tmp',
        resources: { nanoCpus: 500_000_000, memory: 64 * MIB, memorySwap: 128 * MIB, pidsLimit: 50 }
      })
    )
    expect(created.name).toBe(name)
    expect(created.started).toBe(true)

    const raw = await t.docker.getContainer(created.id).inspect()
    expect(raw.State.Running).toBe(true)
    expect(raw.HostConfig.NanoCpus).toBe(500_000_000)
    expect(raw.HostConfig.Memory).toBe(64 * MIB)
    expect(raw.HostConfig.MemorySwap).toBe(128 * MIB)
    expect(raw.HostConfig.PidsLimit).toBe(50)
    expect(raw.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 })
    expect(raw.NetworkSettings.Ports['8080/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(port) }])

    const details = await call(t.core, 'containers.inspect', { id: created.id })
    expect(details.limits).toMatchObject({ nanoCpus: 500_000_000, memory: 64 * MIB, memorySwap: 128 * MIB, pidsLimit: 50 })
    expect(details.env).toContainEqual({ key: 'GREETING', value: 'hello world' })
    expect(details.ports).toContainEqual({ privatePort: 8080, publicPort: port, hostIp: '127.0.0.1', protocol: 'tcp' })
    expect(details.mounts).toContainEqual(expect.objectContaining({ type: 'volume', name: `${name}-data`, destination: '/data', readOnly: false }))
    expect(details.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 3 })
    expect(details.workingDir).toBe('/tmp')
    expect(details.raw.Id).toBe(created.id)

    expect(await statsMemoryLimit(t.docker, created.id)).toBe(64 * MIB)
    expect(Number(await cgroupValue(t.docker, created.id, 'memory/memory.limit_in_bytes', 'memory.max'))).toBe(64 * MIB)
    expect(await cgroupValue(t.docker, created.id, 'pids/pids.max', 'pids.max')).toBe('50')
    const quota = await cgroupValue(t.docker, created.id, 'cpu/cpu.cfs_quota_us', 'cpu.max')
    expect(quota.split(/\s+/)[0]).toBe('50000')

    await t.docker.getVolume(`${name}-data`).remove({ force: true }).catch(() => {})
  })

  it('creates -it containers with a TTY and open stdin (the Terminal tab can attach)', async () => {
    const created = await call(t.core, 'containers.create', baseSpec(t, { command: ['sh'], interactive: true, tty: true }))
    const details = await call(t.core, 'containers.inspect', { id: created.id })
    expect(details.tty).toBe(true)
    expect(details.openStdin).toBe(true)
    expect(details.state.running).toBe(true)
    expect(created.name).toMatch(/^[a-z]+_[a-z]+$/) // the engine named it
  })

  it('removes a container that was created but could not start, and says why', async () => {
    const name = uniqueName('berth-nostart')
    const attempt = call(t.core, 'containers.create', baseSpec(t, { name, command: ['/does/not/exist'] }))
    await expect(attempt).rejects.toThrow(/couldn't start, so Berth removed it/)
    const left = await t.docker.listContainers({ all: true, filters: JSON.stringify({ name: [name] }) })
    expect(left).toEqual([])
  })

  it('refuses a name already in use with CONFLICT', async () => {
    const name = uniqueName('berth-dup')
    await call(t.core, 'containers.create', baseSpec(t, { name, start: false }))
    const second = call(t.core, 'containers.create', baseSpec(t, { name, start: false }))
    await expect(second).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(new RegExp(`^The name ${name} is already taken by another container \\([0-9a-f]{12}\\): pick another name`)),
      detail: { containerName: name }
    })
  })
})

// Skipped on Podman 4.3 only: its compatible API has no container update; that refusal, in words,
// is tested in podman-engine.test.ts (engine/capabilities.ts).
describe.skipIf(!ENGINE_UPDATES_CONTAINERS)('containers.update (the live sliders)', () => {
  it('changes CPUs, memory + swap together, and pids; inspect, stats and cgroup follow', async () => {
    const created = await call(t.core, 'containers.create', baseSpec(t, { resources: { memory: 32 * MIB, memorySwap: 32 * MIB } }))
    // Memory above the current swap limit only works when swap is sent too.
    await call(t.core, 'containers.update', {
      id: created.id,
      resources: { nanoCpus: 1_500_000_000, memory: 96 * MIB, memorySwap: 192 * MIB, pidsLimit: 77 }
    })
    const details = await call(t.core, 'containers.inspect', { id: created.id })
    expect(details.limits).toMatchObject({ nanoCpus: 1_500_000_000, memory: 96 * MIB, memorySwap: 192 * MIB, pidsLimit: 77 })
    expect(await statsMemoryLimit(t.docker, created.id)).toBe(96 * MIB)
    expect(Number(await cgroupValue(t.docker, created.id, 'memory/memory.limit_in_bytes', 'memory.max'))).toBe(96 * MIB)
    expect(await cgroupValue(t.docker, created.id, 'pids/pids.max', 'pids.max')).toBe('77')
  })

  it('explains, without calling the engine, that memory alone cannot pass the current swap limit', async () => {
    const created = await call(t.core, 'containers.create', baseSpec(t, { resources: { memory: 32 * MIB, memorySwap: 32 * MIB } }))
    const attempt = call(t.core, 'containers.update', { id: created.id, resources: { memory: 64 * MIB } })
    await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/memory \+ swap in the same update/) })
    expect((await t.docker.getContainer(created.id).inspect()).HostConfig.Memory).toBe(32 * MIB)
  })

  it('explains a --cpu-quota container cannot take --cpus and offers the equivalent quota, which then works', async () => {
    const created = await call(t.core, 'containers.create', baseSpec(t, { resources: { cpuQuota: 50_000, cpuPeriod: 100_000 } }))
    let refusal: unknown
    try {
      await call(t.core, 'containers.update', { id: created.id, resources: { nanoCpus: 1_000_000_000 } })
    } catch (err) {
      refusal = err
    }
    expect(refusal).toBeInstanceOf(RpcError)
    const error = refusal as RpcError
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/created with a CPU quota \(--cpu-quota 50000 per 100000 µs period = 0\.5 CPUs\)/)
    expect(error.message).toMatch(/100000 µs per 100000 µs = 1 CPU/)
    const equivalent = (error.detail as { equivalent: { cpuQuota: number; cpuPeriod: number } }).equivalent
    expect(equivalent).toEqual({ cpuQuota: 100_000, cpuPeriod: 100_000 })

    await call(t.core, 'containers.update', { id: created.id, resources: equivalent })
    const raw = await t.docker.getContainer(created.id).inspect()
    expect(raw.HostConfig.CpuQuota).toBe(100_000)
    expect(raw.HostConfig.NanoCpus).toBe(0)
  })

  it('edits the restart policy', async () => {
    const created = await call(t.core, 'containers.create', baseSpec(t, { start: false }))
    await call(t.core, 'containers.update', { id: created.id, restartPolicy: { name: 'unless-stopped' } })
    expect((await t.docker.getContainer(created.id).inspect()).HostConfig.RestartPolicy?.Name).toBe('unless-stopped')
  })
})

describe('containers.rename', () => {
  it('renames, and refuses a name another container has', async () => {
    const first = await call(t.core, 'containers.create', baseSpec(t, { name: uniqueName('berth-a'), start: false }))
    const second = await call(t.core, 'containers.create', baseSpec(t, { name: uniqueName('berth-b'), start: false }))
    const fresh = uniqueName('berth-renamed')
    await expect(call(t.core, 'containers.rename', { id: first.id, name: fresh })).resolves.toEqual({ ok: true })
    expect((await t.docker.getContainer(first.id).inspect()).Name).toBe(`/${fresh}`)
    await expect(call(t.core, 'containers.rename', { id: second.id, name: fresh })).rejects.toMatchObject({ code: 'CONFLICT' })
  })
})
