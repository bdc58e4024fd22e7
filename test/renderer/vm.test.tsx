// @vitest-environment jsdom
/**
 * The Engines page's Berth VM section over a fake Berth: the resources form refuses bad values in
 * words before any call and sends numbers once they are right; the boot phases show their times;
 * forwarded ports are links, and a port this machine already uses is said in words.
 */
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { VM_ENGINE_ID, type VmStatus } from '../../shared/vm-models'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  world?.view.unmount()
  world = undefined
})

const absent: VmStatus = {
  state: 'absent',
  supported: true,
  engineId: VM_ENGINE_ID,
  resources: { cpus: 2, memoryMiB: 2048, diskGiB: 64, swapMiB: 1024 },
  limits: { maxCpus: 4, minMemoryMiB: 1024, maxMemoryMiB: 6144, minDiskGiB: 8, maxDiskGiB: 200 },
  options: { startWithBerth: false, keepRunning: false },
  phases: [],
  ports: []
}

function vmWorld(): World {
  const created: VmStatus = { ...absent, state: 'starting' }
  world = renderBerth({ page: 'engines' })
  world.fake.handle('vm.create', () => created)
  return world
}

describe('the Berth VM section', () => {
  it('checks the resources as typed and sends them only once they are right', async () => {
    const { fake } = vmWorld()
    await waitFor(() => expect(fake.hasStream('vm.watch')).toBe(true))
    fake.pushStream('vm.watch', absent)
    const section = await screen.findByRole('region', { name: 'Berth VM' })
    expect(within(section).getByLabelText('VM state: Not created')).toBeTruthy()
    const memory = within(section).getByRole('textbox', { name: 'Memory (number, MiB)' })
    await userEvent.clear(memory)
    await userEvent.type(memory, '512')
    expect(within(section).getByText('Between 1024 and 6144 MiB (what this machine can spare).')).toBeTruthy()
    await userEvent.click(within(section).getByRole('button', { name: 'Create and start' }))
    expect(fake.callsTo('vm.create')).toHaveLength(0)
    await userEvent.clear(memory)
    await userEvent.type(memory, '3072')
    const cpus = within(section).getByRole('textbox', { name: 'CPUs (number, CPUs)' })
    await userEvent.clear(cpus)
    await userEvent.type(cpus, '9')
    expect(within(section).getByText('Between 1 and 4 CPUs (this machine has 4).')).toBeTruthy()
    await userEvent.clear(cpus)
    await userEvent.type(cpus, '3')
    await userEvent.click(within(section).getByRole('button', { name: 'Create and start' }))
    await waitFor(() => expect(fake.callsTo('vm.create')).toHaveLength(1))
    expect(fake.callsTo('vm.create')[0].input).toEqual({ resources: { cpus: 3, memoryMiB: 3072, diskGiB: 64, swapMiB: 1024 }, start: true })
  })

  it('shows the boot phases with their times, then the forwarded ports', async () => {
    const { fake } = vmWorld()
    await waitFor(() => expect(fake.hasStream('vm.watch')).toBe(true))
    fake.pushStream('vm.watch', { ...absent, state: 'starting', acceleration: { kind: 'tcg', reason: 'No KVM here.' }, phases: [{ phase: 'starting', atMs: 12 }, { phase: 'kernel', atMs: 4300 }] })
    const phases = await screen.findByRole('list', { name: 'Boot phases' })
    expect(within(phases).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Starting QEMU0.0 s', 'Kernel booting4.3 s', 'SSH ready…', 'Engine ready'])
    expect(screen.getByText(/Software emulation \(TCG\)/)).toBeTruthy()
    fake.pushStream('vm.watch', {
      ...absent,
      state: 'running',
      phases: [{ phase: 'starting', atMs: 12 }, { phase: 'kernel', atMs: 4300 }, { phase: 'ssh', atMs: 9100 }, { phase: 'engine', atMs: 14800 }],
      ports: [
        { port: 8080, protocol: 'tcp', container: 'web' },
        { port: 5432, protocol: 'tcp', container: 'db', problem: 'db publishes 5432/tcp, but port 5432 on this machine is already taken: it is reachable only inside the VM.' }
      ]
    })
    const ports = await screen.findByRole('list', { name: 'Forwarded ports' })
    expect(within(ports).getByRole('link', { name: 'localhost:8080' }).getAttribute('href')).toBe('http://localhost:8080')
    expect(within(ports).getByText(/port 5432 on this machine is already taken/)).toBeTruthy()
    expect(screen.getByLabelText('VM state: Running')).toBeTruthy()
  })
})
