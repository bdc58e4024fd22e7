// @vitest-environment jsdom
/** FilesTab over a fake transport: lazy first read, navigation, breadcrumbs, upload calls in order, errors in words. */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { DirListing, FileEntry } from '../../shared/files-models'
import { RpcError } from '../../shared/errors'
import { RpcClient } from '../../renderer/src/api/client'
import { FilesTab } from '../../renderer/src/features/files/FilesTab'
import { breadcrumbs, modeText, parentPath, resolveLink } from '../../renderer/src/features/files/paths'
import { StoresContext } from '../../renderer/src/stores/context'
import { createBerthStores } from '../../renderer/src/stores/index'
import { FakeTransport } from './fakeTransport'

afterEach(cleanup)

const entry = (path: string, type: FileEntry['type'], size = 0): FileEntry => ({
  name: path.split('/').pop() as string,
  path,
  type,
  size,
  mode: type === 'dir' ? 0o755 : 0o644,
  mtime: 1_700_000_000
})

const TREE: Record<string, FileEntry[]> = {
  '/': [entry('/tmp', 'dir'), entry('/etc', 'dir')],
  '/tmp': [entry('/tmp/dir with spaces', 'dir'), entry('/tmp/a.txt', 'file', 2_500_000)],
  '/tmp/dir with spaces': [entry('/tmp/dir with spaces/ünïcødé ✓.txt', 'file', 12)]
}

function renderTab(visible = true) {
  const fake = new FakeTransport()
  fake.handle('files.list', (input) => {
    const entries = TREE[input.path]
    if (!entries) throw new RpcError('NOT_FOUND', `Not found: ${input.path}`)
    return { path: input.path, entries, truncated: false, scannedBytes: 1000 } satisfies DirListing
  })
  let uploads = 0
  fake.handle('uploads.open', () => ({ uploadId: `up-test${String(++uploads).padStart(8, '0')}`, chunkBytes: 1024 * 1024 }))
  fake.handle('uploads.chunk', (input) => ({ receivedBytes: input.seq }))
  fake.handle('files.upload', (input) => ({ written: input.files.map((f) => f.name), bytes: 0 }))
  const stores = createBerthStores(new RpcClient(fake), fake, 'containers')
  const view = render(
    <StoresContext.Provider value={stores}>
      <FilesTab containerId={'c'.repeat(64)} visible={visible} />
    </StoresContext.Provider>
  )
  return { fake, view, stores }
}

describe('FilesTab', () => {
  it('reads nothing while hidden, then lists the root when shown', async () => {
    const { fake, view, stores } = renderTab(false)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(fake.callsTo('files.list')).toHaveLength(0)
    view.rerender(
      <StoresContext.Provider value={stores}>
        <FilesTab containerId={'c'.repeat(64)} visible />
      </StoresContext.Provider>
    )
    expect(await screen.findByRole('table', { name: 'Files in /' })).toBeTruthy()
    expect(fake.callsTo('files.list')).toEqual([{ method: 'files.list', input: { id: 'c'.repeat(64), path: '/' } }])
  })

  it('opens folders, shows sizes, walks back by breadcrumb and Up', async () => {
    const user = userEvent.setup()
    renderTab()
    await user.click(await screen.findByRole('button', { name: 'Open folder tmp' }))
    const table = await screen.findByRole('table', { name: 'Files in /tmp' })
    expect(within(table).getByText('2.5 MB')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Open folder dir with spaces' }))
    await screen.findByRole('table', { name: 'Files in /tmp/dir with spaces' })
    expect(screen.getByRole('button', { name: 'Folder /tmp/dir with spaces' }).getAttribute('aria-current')).toBe('location')
    await user.click(screen.getByRole('button', { name: 'Folder /tmp' }))
    await screen.findByRole('table', { name: 'Files in /tmp' })
    await user.click(screen.getByRole('button', { name: 'Up to parent folder' }))
    await screen.findByRole('table', { name: 'Files in /' })
    expect((screen.getByRole('button', { name: 'Up to parent folder' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('uploads picked files in chunks, then asks the engine to write them into the folder, then re-reads it', async () => {
    const user = userEvent.setup()
    const { fake } = renderTab()
    await user.click(await screen.findByRole('button', { name: 'Open folder tmp' }))
    await screen.findByRole('table', { name: 'Files in /tmp' })
    const big = new File([new Uint8Array(1024 * 1024 + 10)], 'ünïcødé ✓.bin')
    const small = new File(['hi'], 'b.txt')
    await user.upload(screen.getByLabelText('Files to upload'), [big, small])
    await waitFor(() => expect(fake.callsTo('files.upload')).toHaveLength(1))
    expect(fake.callsTo('uploads.open').map((c) => c.input)).toEqual([{ totalBytes: 1024 * 1024 + 10 }, { totalBytes: 2 }])
    expect(fake.callsTo('uploads.chunk').map((c) => (c.input as { seq: number }).seq)).toEqual([0, 1, 0])
    expect(fake.callsTo('files.upload')[0].input).toEqual({
      id: 'c'.repeat(64),
      dir: '/tmp',
      files: [
        { name: 'ünïcødé ✓.bin', uploadId: 'up-test00000001' },
        { name: 'b.txt', uploadId: 'up-test00000002' }
      ]
    })
    await waitFor(() => expect(fake.callsTo('files.list').filter((c) => (c.input as { path: string }).path === '/tmp')).toHaveLength(2))
  })

  it('says in words when a folder cannot be opened', async () => {
    const user = userEvent.setup()
    renderTab()
    await user.click(await screen.findByRole('button', { name: 'Open folder etc' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/Couldn't open \/etc: Not found: \/etc/)
  })
})

describe('path helpers', () => {
  it.each([
    ['/', ['/']],
    ['/tmp/dir with spaces', ['/', '/tmp', '/tmp/dir with spaces']]
  ])('breadcrumbs of %s', (path, expected) => expect(breadcrumbs(path).map((c) => c.path)).toEqual(expected))

  it.each([
    ['/', '/'],
    ['/tmp', '/'],
    ['/a/b/c', '/a/b']
  ])('parent of %s is %s', (path, expected) => expect(parentPath(path)).toBe(expected))

  it.each([
    ['/var/run', '/run', '/run'],
    ['/etc/alt/x', '../../usr/lib', '/usr/lib'],
    ['/a/link', './b/./c', '/a/b/c']
  ])('link %s → %s resolves to %s', (link, target, expected) => expect(resolveLink(link, target)).toBe(expected))

  it('writes permission bits as ls does', () => {
    expect(modeText(0o755)).toBe('rwxr-xr-x')
    expect(modeText(0o640)).toBe('rw-r-----')
  })
})
