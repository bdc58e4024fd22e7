// @vitest-environment jsdom
/**
 * The setup dialog over a fake transport, for a person who is not root (the e2e machine runs as
 * root, so pkexec/sudo and the docker group are covered here): plans come from the real
 * composePlan over a described Debian with systemd; choices re-plan; sudo's password goes out
 * once, in setup.run's input, and is kept nowhere in the store; progress events become step
 * states, the failure's words, "Not run" for the rest, and focus lands on "Check again".
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { SetupProgress } from '../../shared/setup-models'
import type { ClientFrame, ServerFrame } from '../../shared/wire'
import { RpcClient } from '../../renderer/src/api/client'
import { SetupDialog } from '../../renderer/src/features/setup/SetupDialog'
import { StoresContext } from '../../renderer/src/stores/context'
import { createBerthStores } from '../../renderer/src/stores/index'
import { composePlan } from '../../electron/core/setup/plan'
import { DEBIAN, machine } from '../unit/support/setupMachines'
import { FakeTransport } from './fakeTransport'

afterEach(cleanup)

function world() {
  const fake = new FakeTransport()
  const subs: Extract<ClientFrame, { t: 'sub' }>[] = []
  const send = fake.send.bind(fake)
  fake.send = (frame) => {
    if (frame.t === 'sub') subs.push(frame)
    send(frame)
  }
  // The client registers one frame listener; keep it to push setup.run's events.
  let deliver: (frame: ServerFrame) => void = () => {}
  const onFrame = fake.onFrame.bind(fake)
  fake.onFrame = (listener) => {
    deliver = listener
    onFrame(listener)
  }
  const detection = machine({ os: DEBIAN, manager: 'apt', init: 'systemd', who: 'both', docker: 'stopped' })
  let planNumber = 0
  fake
    .handle('setup.detect', () => detection)
    .handle('setup.plan', (input) => ({
      id: `plan-${String(++planNumber).padStart(8, '0')}`,
      ...composePlan(detection, { addToDockerGroup: true, ...input }, { logDir: '/home/alice/.config/Berth/engine-logs' })
    }))
  const stores = createBerthStores(new RpcClient(fake), fake, 'containers')
  render(
    <StoresContext.Provider value={stores}>
      <SetupDialog />
    </StoresContext.Provider>
  )
  const push = (event: SetupProgress): void => deliver({ t: 'ev', id: subs[subs.length - 1].id, event })
  return { fake, subs, stores, push }
}

describe('SetupDialog', () => {
  it('shows the exact commands, re-plans on each choice, and sends sudo’s password only with the run', async () => {
    const user = userEvent.setup()
    const { fake, subs, stores, push } = world()
    stores.setup.getState().openDialog()
    const dialog = await screen.findByRole('dialog', { name: 'Start Docker' })
    const commands = await within(dialog).findByRole('list', { name: 'Commands Berth will run' })
    expect(within(commands).getByText('pkexec systemctl enable --now docker')).toBeTruthy()
    expect(within(commands).getByText('pkexec usermod --append --groups docker alice')).toBeTruthy()
    expect(within(within(dialog).getByRole('list', { name: 'Good to know' })).getByText(/log out and back in/)).toBeTruthy()
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Run' })).toHaveProperty('disabled', false))
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Run' }))

    // Declining the group drops usermod.
    await user.click(within(dialog).getByRole('checkbox', { name: /Add alice to the docker group/ }))
    await waitFor(() => expect(within(dialog).queryByText('pkexec usermod --append --groups docker alice')).toBeNull())
    expect(fake.callsTo('setup.plan').at(-1)?.input).toMatchObject({ target: 'docker', addToDockerGroup: false })

    // sudo instead of pkexec: the commands change and a password field appears.
    await user.click(within(dialog).getByRole('radio', { name: /sudo: type your password here/ }))
    expect(await within(dialog).findByText("sudo -S -k -p '' -- systemctl enable --now docker")).toBeTruthy()
    const password = within(dialog).getByLabelText('Your password for sudo')
    await user.type(password, 'hunter2')
    await user.click(within(dialog).getByRole('button', { name: 'Run' }))

    expect(subs).toHaveLength(1)
    expect(subs[0]).toMatchObject({ method: 'setup.run', input: { password: 'hunter2' } })
    expect((subs[0].input as { planId: string }).planId).toBe(stores.setup.getState().plan?.id)
    expect(JSON.stringify(stores.setup.getState())).not.toContain('hunter2')
    expect(screen.queryByLabelText('Your password for sudo')).toBeNull()

    // Progress: the status says which step runs; Hide keeps the run going.
    push({ type: 'step-started', index: 1 })
    expect(await within(dialog).findByText('Running step 1 of 2: Start Docker now and at every boot (systemd)…')).toBeTruthy()
    expect(within(dialog).getByRole('button', { name: 'Hide' })).toBeTruthy()
    push({ type: 'output', index: 1, text: 'Synchronizing state of docker.service…' })
    push({
      type: 'step-finished',
      index: 1,
      ok: false,
      exitCode: 1,
      durationMs: 1200,
      error: "sudo didn't accept the password. Type it again (it is your own account's password)."
    })
    push({ type: 'finished', ok: false, message: "sudo didn't accept the password. Type it again (it is your own account's password)." })

    const step1 = await within(dialog).findByRole('listitem', { name: 'Step 1: Start Docker now and at every boot (systemd)' })
    await waitFor(() => expect(within(step1).getByText('Failed')).toBeTruthy())
    expect(within(step1).getByRole('log', { name: 'Output of step 1' }).textContent).toContain('Synchronizing state of docker.service')
    expect(within(step1).getByText(/sudo didn't accept the password/)).toBeTruthy()
    expect(within(step1).getByText('(exit status 1)')).toBeTruthy()
    const step2 = within(dialog).getByRole('listitem', { name: /^Step 2: Wait for Docker/ })
    expect(within(step2).getByText('Not run')).toBeTruthy()
    const checkAgain = within(dialog).getByRole('button', { name: 'Check again' })
    await waitFor(() => expect(document.activeElement).toBe(checkAgain))

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(stores.setup.getState().run).toBeNull()
  })

  it('shows a blocked plan with its reason and no way to run it', async () => {
    const { fake, stores } = world()
    const detection = machine({ os: DEBIAN, manager: 'apt', init: 'systemd', who: 'neither', docker: 'stopped' })
    fake.handle('setup.detect', () => detection)
    fake.handle('setup.plan', (input) => ({ id: 'plan-blocked01', ...composePlan(detection, { addToDockerGroup: true, ...input }, { logDir: '/tmp/x' }) }))
    stores.setup.getState().openDialog()
    const dialog = await screen.findByRole('dialog', { name: 'Start Docker' })
    expect(await within(dialog).findByText(/Berth can't ask for them here: neither pkexec nor sudo is installed/)).toBeTruthy()
    expect(within(dialog).getByRole('button', { name: 'Run' })).toHaveProperty('disabled', true)
  })
})
