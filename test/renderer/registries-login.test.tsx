// @vitest-environment jsdom
/**
 * The login dialog over a fake transport: empty fields are named before any call; a refusal is
 * shown at the password field and the password is forgotten; a success says who is logged in
 * and where docker keeps it, and the password appears nowhere in the page.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import type { LoginStatus } from '../../shared/registries-models'
import { RpcClient } from '../../renderer/src/api/client'
import { LoginDialog } from '../../renderer/src/features/registries/LoginDialog'
import { StoresContext } from '../../renderer/src/stores/context'
import { createBerthStores } from '../../renderer/src/stores/index'
import { FakeTransport } from './fakeTransport'

afterEach(cleanup)

const REGISTRY = 'registry.example.com:5000'
const SECRET = 's3cret-Passw0rd'

function status(username: string | null): LoginStatus {
  return { registry: REGISTRY, username, storedIn: { kind: 'file', path: '/home/me/.docker/config.json' }, problem: null }
}

function open(fake: FakeTransport, registry = REGISTRY) {
  const stores = createBerthStores(new RpcClient(fake), fake, 'registries')
  return render(
    <StoresContext.Provider value={stores}>
      <LoginDialog dialog={{ kind: 'login', registry }} onClose={() => {}} />
    </StoresContext.Provider>
  )
}

function describedText(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
}

describe('LoginDialog', () => {
  it('names empty fields and calls nothing', async () => {
    const user = userEvent.setup()
    const fake = new FakeTransport().handle('registries.status', () => status(null))
    open(fake)
    await user.click(screen.getByRole('button', { name: 'Log in' }))
    expect(describedText(screen.getByLabelText('User name'))).toContain('type your user name')
    expect(describedText(screen.getByLabelText('Password'))).toContain('type your password or access token')
    expect(fake.callsTo('registries.login')).toHaveLength(0)
  })

  it('shows a refusal at the password field and forgets the password', async () => {
    const user = userEvent.setup()
    const fake = new FakeTransport()
      .handle('registries.status', () => status(null))
      .handle('registries.login', () => {
        throw new RpcError('UNAUTHORIZED', `${REGISTRY} refused this user name and password. Nothing was saved.`, { field: 'password' })
      })
    open(fake)
    await user.type(screen.getByLabelText('User name'), 'me')
    await user.type(screen.getByLabelText('Password'), 'wrong')
    await user.keyboard('{Enter}')
    const password = screen.getByLabelText('Password')
    await waitFor(() => expect(describedText(password)).toContain('refused this user name and password'))
    expect(password.getAttribute('aria-invalid')).toBe('true')
    expect((password as HTMLInputElement).value).toBe('')
    expect(fake.callsTo('registries.login')[0].input).toEqual({ registry: REGISTRY, username: 'me', password: 'wrong' })
  })

  it('says who is logged in after the registry accepted, and the password is nowhere in the page', async () => {
    const user = userEvent.setup()
    const fake = new FakeTransport()
      .handle('registries.status', () => status(null))
      .handle('registries.login', () => status('me'))
      .handle('registries.list', () => [])
    open(fake, `https://${REGISTRY}/`)
    expect(screen.getByRole('dialog', { name: `Log in to ${REGISTRY}` })).toBeTruthy()
    await user.type(screen.getByLabelText('User name'), 'me')
    await user.type(screen.getByLabelText('Password'), SECRET)
    await user.click(screen.getByRole('button', { name: 'Log in' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain(`Logged in to ${REGISTRY} as me`))
    expect(screen.getByRole('status').textContent).toContain('/home/me/.docker/config.json')
    expect(document.body.innerHTML).not.toContain(SECRET)
    expect(screen.queryByLabelText('Password')).toBeNull()
  })

  it('asks for the registry when none was given, and checks it first', async () => {
    const user = userEvent.setup()
    const fake = new FakeTransport()
    open(fake, '')
    await user.type(screen.getByLabelText('Registry'), 'bad host')
    await user.type(screen.getByLabelText('User name'), 'me')
    await user.type(screen.getByLabelText('Password'), 'x')
    await user.click(screen.getByRole('button', { name: 'Log in' }))
    expect(describedText(screen.getByLabelText('Registry'))).toContain('a registry address has no spaces')
    expect(fake.calls).toHaveLength(0)
  })
})
