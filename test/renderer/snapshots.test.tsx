// @vitest-environment jsdom
/**
 * Commit and prune dialogs over a fake transport: every bad field is named next to it and no
 * call is made; good input becomes exactly one call; the prune removes only the previewed ids.
 * Plus the reference rules themselves, table-driven.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { changeProblem, repositoryProblem, tagProblem } from '../../shared/snapshots-models'
import { RpcClient } from '../../renderer/src/api/client'
import { CommitDialog } from '../../renderer/src/features/snapshots/CommitDialog'
import { PruneDialog } from '../../renderer/src/features/snapshots/PruneDialog'
import { StoresContext } from '../../renderer/src/stores/context'
import { createBerthStores } from '../../renderer/src/stores/index'
import { FakeTransport } from './fakeTransport'

afterEach(cleanup)

function withStores(fake: FakeTransport, element: React.ReactElement) {
  const stores = createBerthStores(new RpcClient(fake), fake, 'containers')
  return render(<StoresContext.Provider value={stores}>{element}</StoresContext.Provider>)
}

describe('CommitDialog', () => {
  it.each([
    ['Repository', 'My App', 'repository names must be lowercase'],
    ['Repository', 'app//x', 'use lowercase letters'],
    ['Tag', '-bad', 'does not start with . or -'],
    ['Changes', 'RUN echo hi', 'is not a change'],
    ['Changes', 'CMD ["sh", 1]', 'array of strings']
  ])('a bad %s (%s) is named next to the field and nothing is called', async (field, value, message) => {
    const user = userEvent.setup()
    const fake = new FakeTransport()
    withStores(fake, <CommitDialog containerId="abc123" containerName="web" onClose={() => {}} />)
    const input = screen.getByLabelText(field)
    await user.clear(input)
    await user.type(input, value.replace(/[[{]/g, (c) => c + c))
    await user.click(screen.getByRole('button', { name: 'Commit' }))
    expect(input.getAttribute('aria-invalid')).toBe('true')
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ')
    expect(described).toContain(message)
    expect(fake.calls).toHaveLength(0)
  })

  it('sends repo, tag, message, author, one change per line and the pause choice', async () => {
    const user = userEvent.setup()
    const fake = new FakeTransport()
    fake.handle('containers.commit', () => ({ imageId: 'sha256:' + 'f'.repeat(64), reference: 'team/web:v2' }))
    withStores(fake, <CommitDialog containerId="abc123" containerName="web" onClose={() => {}} />)
    expect((screen.getByLabelText('Repository') as HTMLInputElement).value).toBe('web')
    await user.clear(screen.getByLabelText('Repository'))
    await user.type(screen.getByLabelText('Repository'), 'team/web')
    await user.clear(screen.getByLabelText('Tag'))
    await user.type(screen.getByLabelText('Tag'), 'v2')
    await user.type(screen.getByLabelText('Author'), 'Ann')
    await user.type(screen.getByLabelText('Changes'), 'ENV A=b{Enter}{Enter}CMD [["sh"]')
    await user.click(screen.getByRole('checkbox', { name: /Pause the container/ }))
    await user.click(screen.getByRole('button', { name: 'Commit' }))
    expect(await screen.findByText(/Created image/)).toBeTruthy()
    expect(fake.callsTo('containers.commit')[0].input).toEqual({
      id: 'abc123',
      repo: 'team/web',
      tag: 'v2',
      author: 'Ann',
      changes: ['ENV A=b', 'CMD ["sh"]'],
      pause: false
    })
  })
})

describe('PruneDialog', () => {
  it('previews, then removes exactly the previewed ids and reports the space', async () => {
    const user = userEvent.setup()
    const fake = new FakeTransport()
    const candidate = (id: string, name: string, sizeRw: number) => ({ id, name, image: 'busybox', state: 'exited', status: 'Exited (0) 1 minute ago', sizeRw, created: 0 })
    fake.handle('containers.prunePreview', (input) =>
      input.label === 'team=a'
        ? { containers: [candidate('id1', 'one', 1_500_000)], totalBytes: 1_500_000 }
        : { containers: [candidate('id1', 'one', 1_500_000), candidate('id2', 'two', 500_000)], totalBytes: 2_000_000 }
    )
    fake.handle('containers.prune', () => ({ removed: [{ id: 'id1', name: 'one', sizeRw: 1_500_000 }], skipped: [], reclaimedBytes: 1_500_000 }))
    withStores(fake, <PruneDialog onClose={() => {}} />)
    expect((await screen.findByText(/will be removed/)).textContent).toMatch(/These 2 stopped containers will be removed, reclaiming 2.0 MB/)

    await user.type(screen.getByLabelText('Only with label (optional)'), 'bad key')
    expect(screen.getByText(/no spaces in the key/)).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Show' }) as HTMLButtonElement).disabled).toBe(true)
    await user.clear(screen.getByLabelText('Only with label (optional)'))
    await user.type(screen.getByLabelText('Only with label (optional)'), 'team=a')
    await user.click(screen.getByRole('button', { name: 'Show' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/This stopped container will be removed, reclaiming 1.5 MB/))

    await user.click(screen.getByRole('button', { name: 'Remove 1 container' }))
    expect((await screen.findByText(/Removed 1 container and reclaimed/)).textContent).toContain('1.5 MB')
    expect(fake.callsTo('containers.prune')[0].input).toEqual({ ids: ['id1'] })
  })
})

describe('image reference rules', () => {
  it.each([
    ['app', null],
    ['team/app', null],
    ['registry.local:5000/team/app', null],
    ['Registry.Local:5000/app', null],
    ['a__b', null],
    ['a---b', null],
    ['', 'required'],
    ['App', 'lowercase'],
    ['app/', 'separators'],
    ['-app', 'separators'],
    ['a'.repeat(256), '255']
  ])('repository %j', (value, problem) => {
    const got = repositoryProblem(value)
    if (problem === null) expect(got).toBeNull()
    else expect(got).toContain(problem)
  })

  it.each([
    ['', null],
    ['v1.2_rc-1', null],
    ['.v1', 'does not start'],
    ['v 1', 'does not start'],
    ['x'.repeat(129), '128']
  ])('tag %j', (value, problem) => {
    const got = tagProblem(value)
    if (problem === null) expect(got).toBeNull()
    else expect(got).toContain(problem)
  })

  it.each([
    ['ENV A=b', null],
    ['env A b', null],
    ['CMD ["sh"]', null],
    ['CMD echo hi', null],
    ['EXPOSE 80/tcp', null],
    ['RUN x', 'is not a change'],
    ['ENV', 'is not a change'],
    ['ENV =x', 'NAME=value'],
    ['ENTRYPOINT [1]', 'array of strings'],
    ['CMD [oops', 'array of strings']
  ])('change %j', (value, problem) => {
    const got = changeProblem(value)
    if (problem === null) expect(got).toBeNull()
    else expect(got).toContain(problem)
  })
})
