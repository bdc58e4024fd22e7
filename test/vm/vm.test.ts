/**
 * The Berth VM for real: the image built from resources/vm (cached between runs), booted with
 * QEMU (software emulation here; KVM where a real boot probe says it works), its engine reached
 * over SSH with a pinned host key. Through Berth's own handlers: create and start with boot
 * phases; a container whose published port answers on this machine's 127.0.0.1; new CPUs and
 * memory that `docker info` reports after the restart; stop with no QEMU left; QEMU killed
 * behind Berth's back noticed within 2 s, and Start working again; Berth closing stops the VM,
 * unless it was asked to keep it running: then the next Berth adopts it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VM_ENGINE_ID } from '../../shared/vm-models'
import { createCore, type Core } from '../../electron/core/app'
import { freePort } from '../../electron/core/vm/vm-net'
import { call } from '../integration/handlers-kit'
import { TEST_IMAGE } from '../support/testImage'
import { importTestImageIntoVm } from '../support/vmTestImage'
import { loadTestHost, TEST_LABELS } from '../support/testHost'

const MiB = 1024 * 1024
const FIRST = { cpus: 2, memoryMiB: 1536, diskGiB: 16, swapMiB: 0 }
const SECOND = { cpus: 1, memoryMiB: 2048, diskGiB: 16, swapMiB: 256 }

let core: Core
let root: string
const logs: string[] = []

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

beforeAll(async () => {
  const host = loadTestHost()
  root = mkdtempSync(join(tmpdir(), 'berth-vm-'))
  core = await createCore({
    env: { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost, USER: 'root', BERTH_VM_CACHE: process.env.BERTH_VM_CACHE },
    configDir: join(root, 'config'),
    homeDir: join(root, 'home'),
    log: (m) => logs.push(m)
  })
}, 60_000)

afterAll(async () => {
  const pid = (await call(core, 'vm.status', {})).pid
  await core?.close()
  // Berth closing stops a VM that was not asked to keep running: no QEMU is left behind.
  if (pid) expect(alive(pid)).toBe(false)
  rmSync(root, { recursive: true, force: true })
}, 120_000)

describe('the Berth VM', () => {
  it('is created from the recipe and boots to a ready engine, phase by phase', async () => {
    expect((await call(core, 'vm.status', {})).state).toBe('absent')
    const status = await call(core, 'vm.create', { resources: FIRST, start: true })
    expect(status.state).toBe('running')
    expect(status.phases.map((p) => p.phase)).toEqual(['starting', 'kernel', 'ssh', 'engine'])
    const times = status.phases.map((p) => p.atMs)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(status.acceleration?.reason).toBeTruthy()
    expect(status.image?.bytes).toBeGreaterThan(50 * MiB)
    expect(status.pid && alive(status.pid)).toBe(true)
    const engine = (await call(core, 'engines.list', {})).find((e) => e.id === VM_ENGINE_ID)
    expect(engine?.state).toBe('connected')
    expect(engine?.facts?.cpus).toBe(FIRST.cpus)
    logs.push(`boot phases: ${JSON.stringify(status.phases)}`)
  }, 400_000)

  it('forwards a published container port to this machine’s 127.0.0.1', async () => {
    await importTestImageIntoVm(join(root, 'config', 'vm'))
    await call(core, 'engines.use', { id: VM_ENGINE_ID })
    const port = await freePort()
    const created = await call(core, 'containers.create', {
      image: TEST_IMAGE,
      command: ['sh', '-c', 'mkdir -p /www && echo berth-vm-ok > /www/index.html && exec httpd -f -p 8080 -h /www'],
      interactive: false,
      tty: false,
      ports: [{ hostPort: port, containerPort: 8080, protocol: 'tcp' }],
      mounts: [],
      env: [],
      labels: Object.entries(TEST_LABELS).map(([key, value]) => ({ key, value })),
      restartPolicy: { name: 'no' },
      resources: {},
      start: true
    })
    expect(created.id).toBeTruthy()
    await until('the port on the VM status', async () => (await call(core, 'vm.status', {})).ports.find((p) => p.port === port && !p.problem), 20_000)
    const body = await until('the page through the forward', async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`)
        return response.ok ? await response.text() : undefined
      } catch {
        return undefined
      }
    }, 20_000)
    expect(body.trim()).toBe('berth-vm-ok')

    // A port this machine already uses: said in words on the VM's status, not skipped silently.
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const takenPort = (taken.address() as AddressInfo).port
    try {
      await call(core, 'containers.create', {
        image: TEST_IMAGE,
        command: ['httpd', '-f', '-p', '8080'],
        interactive: false,
        tty: false,
        ports: [{ hostPort: takenPort, containerPort: 8080, protocol: 'tcp' }],
        mounts: [],
        env: [],
        labels: Object.entries(TEST_LABELS).map(([key, value]) => ({ key, value })),
        restartPolicy: { name: 'no' },
        resources: {},
        start: true
      })
      const problem = await until('the taken port on the VM status', async () => (await call(core, 'vm.status', {})).ports.find((p) => p.port === takenPort)?.problem, 20_000)
      expect(problem).toMatch(new RegExp(`publishes ${takenPort}/tcp, but port ${takenPort} on this machine is already taken`))
    } finally {
      taken.close()
    }
  }, 120_000)

  it('applies new CPUs and memory by restarting; the engine reports them', async () => {
    const before = (await call(core, 'engines.list', {})).find((e) => e.id === VM_ENGINE_ID)?.facts?.memoryBytes ?? 0
    const status = await call(core, 'vm.setResources', { resources: SECOND, restart: true })
    expect(status.state).toBe('running')
    expect(status.resources).toEqual(SECOND)
    expect(status.pendingResources).toBeUndefined()
    const facts = await until('new facts', async () => {
      const engine = (await call(core, 'engines.refresh', { id: VM_ENGINE_ID }))
      return engine.facts && engine.facts.cpus === SECOND.cpus ? engine.facts : undefined
    }, 30_000)
    expect(facts.memoryBytes).toBeGreaterThan(before)
    expect(facts.memoryBytes).toBeGreaterThan(1700 * MiB)
    expect(facts.memoryBytes).toBeLessThanOrEqual(SECOND.memoryMiB * MiB)
    // Persisted: the next Berth starts it with these.
    expect(JSON.parse(readFileSync(join(root, 'config', 'vm', 'vm.json'), 'utf8')).resources).toEqual(SECOND)
  }, 400_000)

  it('notices QEMU killed behind its back within 2 s, and starts again', async () => {
    const pid = (await call(core, 'vm.status', {})).pid as number
    const killedAt = Date.now()
    process.kill(pid, 'SIGKILL')
    const status = await until('the stopped status', async () => {
      const now = await call(core, 'vm.status', {})
      return now.state === 'stopped' ? now : undefined
    }, 5_000)
    expect(Date.now() - killedAt).toBeLessThan(2_000)
    expect(status.problem).toMatch(/stopped unexpectedly/)
    expect(status.problem).toMatch(/SIGKILL/)
    const again = await call(core, 'vm.start', {})
    expect(again.state).toBe('running')
    expect(again.problem).toBeUndefined()
  }, 400_000)

  it('stops cleanly through the power button, leaving no QEMU process', async () => {
    const pid = (await call(core, 'vm.status', {})).pid as number
    const status = await call(core, 'vm.stop', {})
    expect(status.state).toBe('stopped')
    expect(status.pid).toBeUndefined()
    expect(alive(pid)).toBe(false)
    expect(logs.join('\n')).not.toMatch(/did not power off/)
    const engine = await until('the engine unavailable', async () => {
      const e = (await call(core, 'engines.list', {})).find((x) => x.id === VM_ENGINE_ID)
      return e?.state === 'unavailable' ? e : undefined
    }, 10_000)
    expect(engine.state).toBe('unavailable')
    expect(existsSync(join(root, 'config', 'vm', 'data.img'))).toBe(true)
    expect(spawnSync('pgrep', ['-f', join(root, 'config', 'vm')], { encoding: 'utf8' }).stdout.trim()).toBe('')
  }, 120_000)

  it('is listed again by the next Berth, still the engine in use', async () => {
    await call(core, 'engines.use', { id: VM_ENGINE_ID })
    await core.engines.settings.flush()
    const host = loadTestHost()
    const next = await createCore({
      env: { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost, USER: 'root', BERTH_VM_CACHE: process.env.BERTH_VM_CACHE },
      configDir: join(root, 'config'),
      homeDir: join(root, 'home')
    })
    try {
      expect(next.engines.activeSummary().id).toBe(VM_ENGINE_ID)
      const status = await until('the VM read back', async () => {
        const now = await call(next, 'vm.status', {})
        return now.state === 'stopped' ? now : undefined
      }, 5_000)
      expect(status.resources).toEqual(SECOND)
    } finally {
      await next.close()
    }
  }, 60_000)

  it('kept running when asked: outlives its Berth, and the next Berth adopts it', async () => {
    const host = loadTestHost()
    const env = { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost, USER: 'root', BERTH_VM_CACHE: process.env.BERTH_VM_CACHE }
    const first = await createCore({ env, configDir: join(root, 'keep', 'config'), homeDir: join(root, 'keep', 'home') })
    let pid = 0
    try {
      await call(first, 'vm.create', { resources: FIRST, start: false })
      await call(first, 'vm.setOptions', { keepRunning: true })
      pid = (await call(first, 'vm.start', {})).pid as number
    } finally {
      await first.close()
    }
    expect(alive(pid)).toBe(true)
    const next = await createCore({ env, configDir: join(root, 'keep', 'config'), homeDir: join(root, 'keep', 'home') })
    try {
      const adopted = await until('the VM adopted', async () => {
        const now = await call(next, 'vm.status', {})
        return now.state === 'running' ? now : undefined
      }, 10_000)
      expect(adopted.pid).toBe(pid)
      const engine = await until('its engine', async () => (await call(next, 'engines.refresh', { id: VM_ENGINE_ID })).state === 'connected' || undefined, 30_000)
      expect(engine).toBe(true)
      const stopped = await call(next, 'vm.stop', {})
      expect(stopped.state).toBe('stopped')
      await until('QEMU gone', () => !alive(pid) || undefined, 10_000)
    } finally {
      await next.close()
      if (alive(pid)) process.kill(pid, 'SIGKILL')
    }
  }, 400_000)
})
