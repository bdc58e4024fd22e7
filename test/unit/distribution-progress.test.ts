/**
 * The progress tracker on lines the engine really sent (captured from dockerd 20.10 pulling from
 * and pushing to the test registry), the pacer's timing, and the failure words for each of the
 * engine's sentences.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ProgressTracker, type EngineProgressLine } from '../../electron/core/engine/distribution-progress'
import { failureReason, transferFailure } from '../../electron/core/engine/distribution-failures'
import { registryAuthHeader } from '../../electron/core/engine/distribution'
import { ProgressPacer } from '../../electron/core/progress-pacer'
import { progressFraction } from '../../shared/distribution-models'

const PULL_LINES: EngineProgressLine[] = [
  { status: 'Pulling from distribution/probe', id: 'v1' },
  { status: 'Already exists', progressDetail: {}, id: 'd617a99fd69e' },
  { status: 'Pulling fs layer', progressDetail: {}, id: 'b37a269cba40' },
  { status: 'Pulling fs layer', progressDetail: {}, id: '59f25524d52e' },
  { status: 'Downloading', progressDetail: { current: 36445, total: 1000488 }, id: '59f25524d52e' },
  { status: 'Waiting', progressDetail: {}, id: 'b37a269cba40' }
]

describe('ProgressTracker (pull)', () => {
  it('turns the engine words into layer states and totals', () => {
    const tracker = new ProgressTracker('pull')
    PULL_LINES.forEach((line) => tracker.apply(line))
    const first = tracker.snapshot()
    expect(first.status).toBe('Pulling from distribution/probe')
    expect(first.layers).toEqual([
      { id: 'd617a99fd69e', state: 'exists', currentBytes: 0, totalBytes: null },
      { id: 'b37a269cba40', state: 'waiting', currentBytes: 0, totalBytes: null },
      { id: '59f25524d52e', state: 'downloading', currentBytes: 36445, totalBytes: 1000488 }
    ])
    expect(first.totals).toMatchObject({ bytesDone: 36445, bytesTotal: 1000488, layers: 3, layersDone: 1 })

    for (const line of [
      { status: 'Verifying Checksum', progressDetail: {}, id: '59f25524d52e' },
      { status: 'Download complete', progressDetail: {}, id: '59f25524d52e' },
      { status: 'Extracting', progressDetail: { current: 500000, total: 1000488 }, id: '59f25524d52e' }
    ]) tracker.apply(line)
    const extracting = tracker.snapshot()
    expect(extracting.layers[2]).toEqual({ id: '59f25524d52e', state: 'extracting', currentBytes: 500000, totalBytes: 1000488 })
    expect(extracting.totals.bytesDone).toBe(1000488)

    tracker.apply({ status: 'Pull complete', progressDetail: {}, id: '59f25524d52e' })
    tracker.apply({ status: 'Downloading', progressDetail: { current: 2000819, total: 2000819 }, id: 'b37a269cba40' })
    tracker.apply({ status: 'Extracting', progressDetail: { current: 1, units: 's' }, id: 'b37a269cba40' })
    tracker.apply({ status: 'Pull complete', progressDetail: {}, id: 'b37a269cba40' })
    tracker.apply({ status: 'Digest: sha256:78f07df5c0ef878089b3a81b4a974573fc5f737da8180c9060fb97b9cdd168b5' })
    tracker.apply({ status: 'Status: Downloaded newer image for 127.0.0.1:5000/distribution/probe:v1' })
    const done = tracker.snapshot()
    expect(done.totals).toEqual({ bytesDone: 3001307, bytesTotal: 3001307, layers: 3, layersDone: 3, fraction: 1 })
    expect(tracker.digest).toBe('sha256:78f07df5c0ef878089b3a81b4a974573fc5f737da8180c9060fb97b9cdd168b5')
    expect(tracker.upToDate).toBe(false)
    expect(tracker.error).toBeNull()
  })

  it('counts every layer done once the pull finished, though Podman never says "Pull complete"', () => {
    // What Podman 4.3 sends for a two-layer pull from the test registry: no bytes, no extraction.
    const podmanLines: EngineProgressLine[] = [
      { status: 'Pulling fs layer', progressDetail: {}, id: 'd9d47094cb64' },
      { status: 'Download complete', progressDetail: {}, id: 'd9d47094cb64' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'c0a0bf9763c2' },
      { status: 'Download complete', progressDetail: {}, id: 'c0a0bf9763c2' }
    ]
    let changes = 0
    const tracker = new ProgressTracker('pull', () => changes++)
    podmanLines.forEach((line) => tracker.apply(line))
    expect(tracker.snapshot().totals).toMatchObject({ layers: 2, layersDone: 0, fraction: 0.5 })
    const before = changes
    tracker.finish()
    expect(changes).toBe(before + 1)
    expect(tracker.snapshot().layers.map((layer) => layer.state)).toEqual(['done', 'done'])
    expect(tracker.snapshot().totals).toMatchObject({ layers: 2, layersDone: 2, fraction: 1 })
    // Nothing left to finish: nobody is told again.
    tracker.finish()
    expect(changes).toBe(before + 1)
  })

  it('notices "up to date" and the error line', () => {
    const tracker = new ProgressTracker('pull')
    tracker.apply({ status: 'Status: Image is up to date for alpine:latest' })
    expect(tracker.upToDate).toBe(true)
    tracker.apply({ errorDetail: { message: 'write /var/lib/docker/tmp/x: no space left on device' }, error: 'x' })
    expect(tracker.error).toBe('write /var/lib/docker/tmp/x: no space left on device')
  })

  it('tells its owner only about changes a person sees', () => {
    const onChange = vi.fn()
    const tracker = new ProgressTracker('pull', onChange)
    tracker.apply({ progressDetail: {} })
    tracker.apply({ aux: { Digest: 'sha256:x' } })
    expect(onChange).not.toHaveBeenCalled()
    tracker.apply(PULL_LINES[4])
    expect(onChange).toHaveBeenCalledTimes(1)
  })
})

describe('ProgressTracker (push)', () => {
  it('reads pushing bytes (clamped to the size), exists, mounted, and the final digest', () => {
    const tracker = new ProgressTracker('push')
    for (const line of [
      { status: 'The push refers to repository [127.0.0.1:5000/distribution/probe]' },
      { status: 'Preparing', progressDetail: {}, id: '32fbe818de5b' },
      { status: 'Preparing', progressDetail: {}, id: '647fa56fabd9' },
      { status: 'Preparing', progressDetail: {}, id: '3d5e99b79ae8' },
      { status: 'Pushing', progressDetail: { current: 1001984, total: 1000000 }, id: '32fbe818de5b' },
      { status: 'Mounted from e2e/e2e-e832c9-pulled', progressDetail: {}, id: '647fa56fabd9' },
      { status: 'Layer already exists', progressDetail: {}, id: '3d5e99b79ae8' }
    ]) tracker.apply(line)
    expect(tracker.snapshot().layers.map((l) => [l.state, l.currentBytes])).toEqual([
      ['pushing', 1000000],
      ['mounted', 0],
      ['exists', 0]
    ])
    tracker.apply({ status: 'Pushed', progressDetail: {}, id: '32fbe818de5b' })
    tracker.apply({ status: 'v1: digest: sha256:78f07df5c0ef878089b3a81b4a974573fc5f737da8180c9060fb97b9cdd168b5 size: 1161' })
    tracker.apply({ progressDetail: {}, aux: { Tag: 'v1', Digest: 'sha256:78f07df5c0ef878089b3a81b4a974573fc5f737da8180c9060fb97b9cdd168b5', Size: 1161 } })
    expect(tracker.snapshot().totals).toEqual({ bytesDone: 1000000, bytesTotal: 1000000, layers: 3, layersDone: 3, fraction: 1 })
    expect([tracker.digest, tracker.pushedSize]).toEqual(['sha256:78f07df5c0ef878089b3a81b4a974573fc5f737da8180c9060fb97b9cdd168b5', 1161])
  })
})

describe('progressFraction', () => {
  it('weighs layers by size, counts extraction as half of a pulled layer, and unknown sizes as the average', () => {
    const layer = (state: 'waiting' | 'downloading' | 'extracting' | 'done', current: number, total: number | null) => ({ id: 'a', state, currentBytes: current, totalBytes: total })
    expect(progressFraction([], true)).toBe(0)
    expect(progressFraction([layer('downloading', 50, 100)], true)).toBeCloseTo(0.25)
    expect(progressFraction([layer('extracting', 50, 100)], true)).toBeCloseTo(0.75)
    expect(progressFraction([layer('done', 300, 300), layer('waiting', 0, null)], true)).toBeCloseTo(0.5)
    expect(progressFraction([layer('done', 300, 300), layer('downloading', 0, 100)], true)).toBeCloseTo(0.75)
  })
})

describe('ProgressPacer', () => {
  afterEach(() => vi.useRealTimers())

  it('emits the first change at once, then at most once per interval, and flushes what is pending', () => {
    vi.useFakeTimers()
    const emit = vi.fn()
    const pacer = new ProgressPacer(emit, 100, () => Date.now())
    pacer.poke()
    expect(emit).toHaveBeenCalledTimes(1)
    for (let i = 0; i < 50; i++) pacer.poke()
    expect(emit).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(100)
    expect(emit).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(1000)
    expect(emit).toHaveBeenCalledTimes(2) // nothing changed: nothing sent
    pacer.poke()
    expect(emit).toHaveBeenCalledTimes(3)
    pacer.poke()
    pacer.flush()
    expect(emit).toHaveBeenCalledTimes(4)
    pacer.poke()
    pacer.stop()
    vi.advanceTimersByTime(1000)
    expect(emit).toHaveBeenCalledTimes(4)
  })
})

describe('failure words', () => {
  const context = { action: 'pull' as const, reference: 'reg.io/team/app:v1', registry: 'reg.io', username: null }

  it.each([
    ['manifest for reg.io/team/app:v1 not found: manifest unknown: manifest unknown', 'not-found'],
    ['pull access denied for team/app, repository does not exist or may require \'docker login\'', 'not-found'],
    ['An image does not exist locally with the tag: reg.io/team/app', 'not-local'],
    ['Head "http://reg.io/v2/team/app/manifests/v1": no basic auth credentials', 'unauthorized'],
    ['unauthorized: authentication required', 'unauthorized'],
    ['denied: requested access to the resource is denied', 'denied'],
    ['Get "https://reg.io/v2/": http: server gave HTTP response to HTTPS client', 'tls'],
    ['Get "https://reg.io/v2/": x509: certificate signed by unknown authority', 'tls'],
    ['Get "https://reg.io/v2/": dial tcp: lookup reg.io on 10.0.0.1:53: no such host', 'unreachable'],
    ['Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', 'unreachable'],
    ['Get "https://reg.io/v2/": net/http: TLS handshake timeout', 'unreachable'],
    ['write /var/lib/docker/tmp/GetImageBlob1: no space left on device', 'no-space'],
    ['something new the engine says', 'engine']
  ])('%s → %s', (message, reason) => {
    expect(failureReason(message)).toBe(reason)
  })

  it('says who was refused when credentials were sent', () => {
    const refused = transferFailure('unauthorized: authentication required', { ...context, username: 'ann' })
    expect(refused.code).toBe('UNAUTHORIZED')
    expect(refused.message).toBe('reg.io did not accept the saved credentials for ann: log in to reg.io again to pull reg.io/team/app:v1.')
    expect(refused.detail).toEqual({ registry: 'reg.io', reason: 'unauthorized' })
  })

  it.each([
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: Temporary failure in name resolution'
  ])('names the host DNS could not find: %s', (message) => {
    const offline = transferFailure(message, { ...context, registry: 'docker.io', reference: 'alpine:latest' })
    expect(offline.code).toBe('UNREACHABLE')
    expect(offline.message).toBe(
      "Docker Hub (docker.io) can't be reached: the name registry-1.docker.io can't be found (DNS). Check the name, or your network: this machine may be offline."
    )
  })

  it('keeps the engine\'s words for what it does not know', () => {
    const other = transferFailure('something new the engine says', context)
    expect(other.message).toBe('The engine could not pull reg.io/team/app:v1: something new the engine says')
  })
})

describe('X-Registry-Auth', () => {
  it('is URL-safe base64 with padding, and "{}" without credentials', () => {
    expect(registryAuthHeader(undefined)).toBe('e30=')
    const header = registryAuthHeader({ username: 'a?>', password: 'b?>~', serveraddress: 'reg.io' })
    expect(header).not.toMatch(/[+/]/)
    expect(header.endsWith('=')).toBe(true)
    expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toEqual({ username: 'a?>', password: 'b?>~', serveraddress: 'reg.io' })
  })
})
