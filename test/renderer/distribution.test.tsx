// @vitest-environment jsdom
/**
 * Pull, push and tag dialogs over a fake transport: a bad reference is named beside its field
 * and nothing is sent; a good one starts exactly one stream whose snapshots become accessible
 * bars; Cancel cancels the stream; an auth failure offers "Log in"; tag sends one call. Plus the
 * run dialog's "not on this engine" check.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactElement } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import type { TransferProgress } from '../../shared/distribution-models'
import type { ImageSummary } from '../../shared/models'
import type { ClientFrame, ServerFrame } from '../../shared/wire'
import { RpcClient } from '../../renderer/src/api/client'
import { PullDialog } from '../../renderer/src/features/distribution/PullDialog'
import { PushDialog } from '../../renderer/src/features/distribution/PushDialog'
import { missingImage } from '../../renderer/src/features/distribution/PullOffer'
import { TagDialog } from '../../renderer/src/features/distribution/TagDialog'
import { StoresContext } from '../../renderer/src/stores/context'
import { createBerthStores, type BerthStores } from '../../renderer/src/stores/index'
import { FakeTransport } from './fakeTransport'

afterEach(cleanup)

/** The fake, plus what it ignores: subscriptions other than events.watch, and a way to answer them. */
class StreamingFake extends FakeTransport {
  readonly subs: Array<Extract<ClientFrame, { t: 'sub' }>> = []
  readonly cancels: number[] = []
  private listener: ((frame: ServerFrame) => void) | null = null

  override send(frame: ClientFrame): void {
    if (frame.t === 'sub' && frame.method !== 'events.watch') this.subs.push(frame)
    if (frame.t === 'cancel') this.cancels.push(frame.id)
    super.send(frame)
  }

  override onFrame(listener: (frame: ServerFrame) => void): void {
    this.listener = listener
    super.onFrame(listener)
  }

  answer(frame: ServerFrame): void {
    act(() => this.listener?.(frame))
  }
}

function renderWith(element: ReactElement): { fake: StreamingFake; stores: BerthStores } {
  const fake = new StreamingFake()
  const stores = createBerthStores(new RpcClient(fake), fake, 'images')
  render(<StoresContext.Provider value={stores}>{element}</StoresContext.Provider>)
  return { fake, stores }
}

function describedText(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
}

const PROGRESS: TransferProgress = {
  kind: 'progress',
  status: 'Pulling from team/app',
  layers: [
    { id: 'aaaaaaaaaaaa', state: 'exists', currentBytes: 0, totalBytes: null },
    { id: 'bbbbbbbbbbbb', state: 'downloading', currentBytes: 2_000_000, totalBytes: 8_000_000 }
  ],
  totals: { bytesDone: 2_000_000, bytesTotal: 8_000_000, layers: 2, layersDone: 1, fraction: 0.56 }
}

describe('PullDialog', () => {
  it.each([
    ['Alpine', 'Repository names must be lowercase'],
    ['alpine:-1', 'does not start with . or -'],
    ['alpine@sha256:12', 'exactly 64 hex characters'],
    ['reg.io:99999/app', 'from 1 to 65535']
  ])('%j is named beside the field and nothing is sent', async (typed, words) => {
    const user = userEvent.setup()
    const { fake } = renderWith(<PullDialog dialog={{ kind: 'pull', reference: '' }} onClose={() => {}} />)
    const field = screen.getByLabelText('Image')
    await user.type(field, typed)
    await user.click(screen.getByRole('button', { name: 'Pull' }))
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(describedText(field)).toContain(words)
    expect(fake.subs).toHaveLength(0)
  })

  it('says what a good reference means, pulls it, shows the bars, then the result and Run…', async () => {
    const user = userEvent.setup()
    const { fake, stores } = renderWith(<PullDialog dialog={{ kind: 'pull', reference: '' }} onClose={() => {}} />)
    await user.type(screen.getByLabelText('Image'), 'alpine')
    expect(describedText(screen.getByLabelText('Image'))).toContain('Pulls library/alpine:latest on Docker Hub (docker.io)')
    await user.keyboard('{Enter}')
    expect(fake.subs.map((sub) => [sub.method, sub.input])).toEqual([['images.pull', { reference: 'alpine' }]])
    const id = fake.subs[0].id

    fake.answer({ t: 'ev', id, event: PROGRESS })
    const overall = screen.getByRole('progressbar', { name: 'Overall progress' })
    expect(overall.getAttribute('aria-valuenow')).toBe('56')
    expect(overall.getAttribute('aria-valuemax')).toBe('100')
    const layer = screen.getByRole('progressbar', { name: 'Layer bbbbbbbbbbbb' })
    expect([layer.getAttribute('aria-valuenow'), layer.getAttribute('aria-valuemax')]).toEqual(['2000000', '8000000'])
    expect(screen.getByText('Already exists')).toBeTruthy()
    expect(screen.getByText('2.0 MB of 8.0 MB · 1 of 2 layers done')).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel pull' }))

    fake.answer({ t: 'ev', id, event: { kind: 'done', reference: 'alpine:latest', imageId: `sha256:${'c'.repeat(64)}`, digest: null, upToDate: false } })
    fake.answer({ t: 'end', id })
    expect(screen.getByRole('status').textContent).toMatch(/^Pulled alpine:latest \(cccccccccccc\) in /)
    await user.click(screen.getByRole('button', { name: 'Run…' }))
    expect(stores.views.getState().runDialog).toEqual({ image: 'alpine:latest' })
  })

  it('names no bytes when no layer size is known (Podman sends none)', async () => {
    const user = userEvent.setup()
    const { fake } = renderWith(<PullDialog dialog={{ kind: 'pull', reference: '' }} onClose={() => {}} />)
    await user.type(screen.getByLabelText('Image'), 'alpine')
    await user.keyboard('{Enter}')
    const unsized: TransferProgress = {
      kind: 'progress',
      status: null,
      layers: [
        { id: 'aaaaaaaaaaaa', state: 'done', currentBytes: 0, totalBytes: null },
        { id: 'bbbbbbbbbbbb', state: 'downloaded', currentBytes: 0, totalBytes: null }
      ],
      totals: { bytesDone: 0, bytesTotal: 0, layers: 2, layersDone: 1, fraction: 0.75 }
    }
    fake.answer({ t: 'ev', id: fake.subs[0].id, event: unsized })
    expect(screen.getByText('1 of 2 layers done')).toBeTruthy()
    expect(screen.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuetext')).toBe('75%, 1 of 2 layers done')
  })

  it('opened with a reference starts at once; Cancel cancels the stream and says nothing was kept', async () => {
    const user = userEvent.setup()
    const { fake } = renderWith(<PullDialog dialog={{ kind: 'pull', reference: 'team/app:v1' }} onClose={() => {}} />)
    expect(fake.subs.map((sub) => sub.input)).toEqual([{ reference: 'team/app:v1' }])
    await user.click(screen.getByRole('button', { name: 'Cancel pull' }))
    expect(fake.cancels).toEqual([fake.subs[0].id])
    expect(screen.getByRole('status').textContent).toContain('kept no part of it')
  })

  it('an auth failure offers to log in to that registry', async () => {
    const user = userEvent.setup()
    const { fake, stores } = renderWith(<PullDialog dialog={{ kind: 'pull', reference: '127.0.0.1:5000/team/app:v1' }} onClose={() => {}} />)
    const message = 'Log in to 127.0.0.1:5000 to pull 127.0.0.1:5000/team/app:v1: the registry asks for credentials.'
    fake.answer({ t: 'err', id: fake.subs[0].id, error: { code: 'UNAUTHORIZED', message, detail: { registry: '127.0.0.1:5000', reason: 'unauthorized' } } })
    expect(screen.getByRole('alert').textContent).toContain(message)
    await user.click(screen.getByRole('button', { name: 'Log in to 127.0.0.1:5000' }))
    expect(stores.views.getState().imageDialog).toEqual({ kind: 'login', registry: '127.0.0.1:5000' })
  })
})

describe('PushDialog', () => {
  it('says where the image goes, pushes on request, and shows the digest when done', async () => {
    const user = userEvent.setup()
    const { fake } = renderWith(<PushDialog dialog={{ kind: 'push', reference: '127.0.0.1:5000/team/app:v1' }} onClose={() => {}} />)
    expect(screen.getByRole('dialog', { name: 'Push 127.0.0.1:5000/team/app:v1' })).toBeTruthy()
    expect(fake.subs).toHaveLength(0)
    await user.click(screen.getByRole('button', { name: 'Push' }))
    const id = fake.subs[0].id
    fake.answer({ t: 'ev', id, event: { ...PROGRESS, layers: [{ id: 'dddddddddddd', state: 'pushing', currentBytes: 5, totalBytes: 10 }] } })
    expect(screen.getByText('Pushing', { selector: '.dist-layer-state' })).toBeTruthy()
    fake.answer({ t: 'ev', id, event: { kind: 'done', reference: '127.0.0.1:5000/team/app:v1', digest: `sha256:${'e'.repeat(64)}`, size: 1161 } })
    fake.answer({ t: 'end', id })
    expect(screen.getByRole('status').textContent).toContain('Pushed 127.0.0.1:5000/team/app:v1')
  })
})

describe('TagDialog', () => {
  it('refuses a bad name beside the field, then tags with one call and offers to push', async () => {
    const user = userEvent.setup()
    const { fake, stores } = renderWith(<TagDialog dialog={{ kind: 'tag', imageId: 'sha256:' + 'f'.repeat(64), source: 'team/app:v1' }} onClose={() => {}} />)
    fake.handle('images.tag', (input) => ({ reference: input.target }))
    const field = screen.getByLabelText('New name')
    expect((field as HTMLInputElement).value).toBe('team/app:')
    await user.type(field, '-bad')
    await user.click(screen.getByRole('button', { name: 'Tag' }))
    expect(describedText(field)).toContain('does not start with . or -')
    expect(fake.callsTo('images.tag')).toHaveLength(0)

    await user.clear(field)
    await user.type(field, '127.0.0.1:5000/team/app:v2')
    await user.click(screen.getByRole('button', { name: 'Tag' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Tagged as 127.0.0.1:5000/team/app:v2.'))
    expect(fake.callsTo('images.tag').map((c) => c.input)).toEqual([{ source: 'sha256:' + 'f'.repeat(64), target: '127.0.0.1:5000/team/app:v2' }])
    await user.click(screen.getByRole('button', { name: 'Push 127.0.0.1:5000/team/app:v2…' }))
    expect(stores.views.getState().imageDialog).toEqual({ kind: 'push', reference: '127.0.0.1:5000/team/app:v2' })
  })
})

describe('missingImage (the run dialog offer)', () => {
  const image = (repoTags: string[], repoDigests: string[] = []): ImageSummary => ({
    id: 'sha256:1',
    repoTags,
    repoDigests,
    size: 1,
    created: 0,
    containers: 0,
    dangling: false,
    labels: {}
  })
  const images = [image(['alpine:latest', '127.0.0.1:5000/team/app:v1'], [`alpine@sha256:${'a'.repeat(64)}`])]

  it.each([
    ['', null],
    ['alpine', null],
    ['docker.io/library/alpine:latest', null],
    ['127.0.0.1:5000/team/app:v1', null],
    [`alpine@sha256:${'a'.repeat(64)}`, null],
    ['abcdef123456', null],
    ['Not Valid', null],
    ['alpine:3.20', 'alpine:3.20'],
    ['team/app', 'team/app:latest'],
    [`alpine@sha256:${'b'.repeat(64)}`, `alpine@sha256:${'b'.repeat(64)}`]
  ])('%j → %j', (typed, offer) => {
    expect(missingImage(typed, images)).toBe(offer)
  })

  // What Debian's Podman 4.3 lists: full names for pulled images, localhost/ for images made on it.
  const podmanImages = [
    image(['docker.io/library/alpine:latest'], [`docker.io/library/alpine@sha256:${'c'.repeat(64)}`]),
    image(['localhost/berth-test/busybox:latest', 'docker.io/berth-test/tagged:v1'])
  ]
  it.each([
    ['alpine', null],
    [`alpine@sha256:${'c'.repeat(64)}`, null],
    ['berth-test/busybox', null],
    ['berth-test/busybox:latest', null],
    ['localhost/berth-test/busybox', null],
    ['berth-test/tagged:v1', null],
    ['berth-test/busybox:1.0', 'berth-test/busybox:1.0'],
    ['alpine:3.20', 'alpine:3.20'],
    ['busybox', 'busybox:latest']
  ])('on Podman: %j → %j', (typed, offer) => {
    expect(missingImage(typed, podmanImages)).toBe(offer)
  })
})
