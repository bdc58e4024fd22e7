// @vitest-environment jsdom
/**
 * Commit… and Export are reachable outside the Files tab: from a container row's "More actions"
 * menu in the list, and from the details header (whatever tab is open).
 */
import { cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { makeContainer } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  cleanup()
  world = undefined
})

describe('snapshot entry points', () => {
  it('the list row menu opens the commit dialog and starts an export with progress and cancel', async () => {
    const user = userEvent.setup()
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    await user.click(await screen.findByRole('button', { name: 'More actions for web' }))
    const menu = screen.getByRole('menu', { name: 'Actions for web' })
    await user.click(within(menu).getByRole('menuitem', { name: 'Commit…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Commit web to an image' })
    expect((within(dialog).getByLabelText('Repository') as HTMLInputElement).value).toBe('web')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()

    await user.click(screen.getByRole('button', { name: 'More actions for web' }))
    await user.click(within(screen.getByRole('menu', { name: 'Actions for web' })).getByRole('menuitem', { name: 'Export' }))
    expect(await screen.findByRole('progressbar', { name: 'Exporting web' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Cancel: Exporting web' }))
    expect(screen.queryByRole('progressbar', { name: 'Exporting web' })).toBeNull()
  })

  it('the details header offers Commit… and Export on every tab', async () => {
    const user = userEvent.setup()
    world = renderBerth({ containers: [makeContainer({ name: 'web' })] })
    world.fake.handle('containers.inspect', () => {
      throw new Error('not needed here')
    })
    await user.click(await screen.findByRole('button', { name: 'web' }))
    await screen.findByRole('heading', { name: 'web' })
    const header = screen.getByRole('heading', { name: 'web' }).closest('header') as HTMLElement
    expect(within(header).getByRole('button', { name: 'Export' })).toBeTruthy()
    await user.click(screen.getByRole('tab', { name: 'Inspect' }))
    await user.click(within(header).getByRole('button', { name: 'Commit…' }))
    expect(await screen.findByRole('dialog', { name: 'Commit web to an image' })).toBeTruthy()
  })
})
