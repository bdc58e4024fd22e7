// @vitest-environment jsdom
/**
 * Podman's localhost/ names on the Images page: a note says what they are while one is listed,
 * and searching by the name people wrote (without the prefix) finds the image.
 */
import { cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { PODMAN_4_3_CAPABILITIES, PODMAN_IDENTITY, makeEngine, makeImage } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  cleanup()
  world = undefined
})

const podman = makeEngine({ name: 'Podman', version: '4.3.1', identity: PODMAN_IDENTITY, capabilities: PODMAN_4_3_CAPABILITIES })

describe('localhost/ names', () => {
  it('are explained while one is listed, and found by the name without the prefix', async () => {
    const local = makeImage({ repoTags: ['localhost/berth-test/busybox:latest'] })
    const pulled = makeImage({ repoTags: ['docker.io/library/alpine:latest'] })
    world = renderBerth({ page: 'images', images: [local, pulled], engine: podman })
    const note = await screen.findByRole('note')
    expect(note.textContent).toMatch(/^Names starting with localhost\/ are Podman's names for images made on this engine/)
    expect(note.textContent).toMatch(/to push one, tag it for a registry first/)

    const user = userEvent.setup()
    await user.type(screen.getByRole('searchbox', { name: /search/i }), 'berth-test/busybox:latest')
    const grid = screen.getByRole('grid', { name: 'Images' })
    expect(within(grid).getByRole('row', { name: 'localhost/berth-test/busybox:latest' })).toBeTruthy()
    expect(within(grid).queryByRole('row', { name: 'docker.io/library/alpine:latest' })).toBeNull()
  })

  it('say nothing where no image has one (Docker)', async () => {
    world = renderBerth({ page: 'images', images: [makeImage({ repoTags: ['busybox:latest'] })] })
    await screen.findByRole('row', { name: 'busybox:latest' })
    expect(screen.queryByRole('note')).toBeNull()
  })
})
