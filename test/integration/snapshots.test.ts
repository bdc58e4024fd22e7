/**
 * Snapshot, back up, move against the real test engine: commit with changes, export → import
 * round-trip, and prune (preview exactly this run's stopped containers, then remove only them).
 */
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { download, uploadBytes } from './files-kit'
import { RUN_LABEL_KEY, call, createLabelledContainer, createTestCore, removeLabelledContainers, uniqueName, type TestCore } from './handlers-kit'

let t: TestCore
const images: string[] = []

/** Runs `cmd` (or the image's own CMD) in a throwaway container and returns its output. */
async function runAndRead(image: string, cmd?: string[]): Promise<string> {
  const container = await t.docker.createContainer({ Image: image, Cmd: cmd, Labels: t.labels })
  await container.start()
  await container.wait()
  const logs = (await container.logs({ stdout: true, stderr: true })) as unknown as Buffer
  // Non-TTY logs are multiplexed: 8-byte headers before each frame.
  let text = ''
  for (let offset = 0; offset + 8 <= logs.length; ) {
    const size = logs.readUInt32BE(offset + 4)
    text += logs.subarray(offset + 8, offset + 8 + size).toString('utf8')
    offset += 8 + size
  }
  return text
}

async function writeMarker(id: string, marker: string): Promise<void> {
  const exec = await t.docker.getContainer(id).exec({ Cmd: ['sh', '-c', `echo ${marker} > /marker.txt`], AttachStdout: true })
  const stream = await exec.start({})
  await new Promise((resolve) => stream.on('end', resolve).resume())
}

beforeAll(async () => {
  t = await createTestCore()
}, 60_000)

afterAll(async () => {
  await removeLabelledContainers(t)
  for (const image of images) await t.docker.getImage(image).remove({ force: true }).catch(() => {})
  await t.dispose()
})

describe('containers.commit', () => {
  it('makes an image carrying the ENV and CMD changes, message and author', async () => {
    const id = await createLabelledContainer(t, { start: true })
    const repo = `berth-test/commit-${uniqueName('c').toLowerCase()}`
    const result = await call(t.core, 'containers.commit', {
      id,
      repo,
      tag: 'v1',
      message: 'snapshot for the test',
      author: 'Berth Test <test@example.invalid>',
      changes: ['ENV GREETING=berth-committed', 'CMD ["sh", "-c", "echo $GREETING"]', `LABEL berth.test=1`],
      pause: true
    })
    images.push(result.imageId)
    expect(result.reference).toBe(`${repo}:v1`)
    const inspect = (await t.docker.getImage(`${repo}:v1`).inspect()) as Docker.ImageInspectInfo & { Author?: string; Comment?: string }
    // Podman's inspect gives the id without its "sha256:" (its commit answer and lists have it).
    expect(inspect.Id.replace(/^sha256:/, '')).toBe(result.imageId.replace(/^sha256:/, ''))
    expect(inspect.Config.Env).toContain('GREETING=berth-committed')
    expect(inspect.Config.Cmd).toEqual(['sh', '-c', 'echo $GREETING'])
    expect(inspect.Author).toBe('Berth Test <test@example.invalid>')
    expect(inspect.Comment).toBe('snapshot for the test')
    expect((await runAndRead(`${repo}:v1`)).trim()).toBe('berth-committed')
  })

  const badCommits: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an uppercase repository', { repo: 'Berth/App' }, /lowercase/],
    ['a repository with a space', { repo: 'my app' }, /lowercase letters, digits and separators/],
    ['a tag starting with a dot', { repo: 'app', tag: '.v1' }, /does not start with/],
    ['a tag too long', { repo: 'app', tag: 'x'.repeat(129) }, /at most 128/],
    ['an unknown change', { repo: 'app', changes: ['RUN echo hi'] }, /is not a change/],
    ['an ENV without a value', { repo: 'app', changes: ['ENV'] }, /is not a change/],
    ['a CMD that is not a string array', { repo: 'app', changes: ['CMD ["sh", 1]'] }, /array of strings/]
  ]
  it.each(badCommits)('refuses %s before calling the engine', async (_name, fields, message) => {
    const id = 'not-called-0000'
    await expect(call(t.core, 'containers.commit', { id, ...fields } as never)).rejects.toThrow(message)
  })
})

describe('export → import', () => {
  it('brings a container filesystem back as an image that still has the marker file', async () => {
    const id = await createLabelledContainer(t, { start: true })
    const marker = `marker-${Math.random().toString(36).slice(2)}`
    await writeMarker(id, marker)
    const exported = await download(t.core, 'containers.export', { id })
    const name = (await t.docker.getContainer(id).inspect()).Name.replace(/^\//, '')
    expect(exported.fileName).toBe(`${name}.tar`)
    expect(exported.bytes.byteLength).toBeGreaterThan(100_000) // busybox alone is ~1 MB

    const uploadId = await uploadBytes(t.core, exported.bytes)
    const repo = `berth-test/import-${uniqueName('i').toLowerCase()}`
    const imported = await call(t.core, 'images.import', { uploadId, repo, tag: 'restored', changes: ['CMD ["cat", "/marker.txt"]', 'LABEL berth.test=1'] })
    images.push(imported.imageId)
    expect(imported.reference).toBe(`${repo}:restored`)
    expect((await runAndRead(`${repo}:restored`)).trim()).toBe(marker)
  }, 60_000)

  it('refuses to import an upload that is not a tar, with the engine words', async () => {
    const uploadId = await uploadBytes(t.core, Buffer.from('this is not a tar archive at all'.repeat(40)))
    await expect(call(t.core, 'images.import', { uploadId })).rejects.toThrow(/could not import|archive|tar/i)
  })

  it('refuses a tag without a repository', async () => {
    await expect(call(t.core, 'images.import', { uploadId: 'up-aaaaaaaaaaaa', tag: 'v1' })).rejects.toThrow(/needs a repository/)
  })
})

describe('prune', () => {
  it('previews exactly this run’s stopped containers with their size, then removes only those', async () => {
    const pruneLabel = { 'berth.test.prune': uniqueName('p') }
    const labelFilter = `${RUN_LABEL_KEY}=${t.labels[RUN_LABEL_KEY]}`
    const exited = await createLabelledContainer(t, { start: true, labels: pruneLabel })
    await writeMarker(exited, 'x'.repeat(64))
    await t.docker.getContainer(exited).stop({ t: 1 })
    const created = await createLabelledContainer(t, { labels: pruneLabel })
    const stillRunning = await createLabelledContainer(t, { start: true, labels: pruneLabel })

    const preview = await call(t.core, 'containers.prunePreview', { label: `berth.test.prune=${pruneLabel['berth.test.prune']}` })
    expect(preview.containers.map((c) => c.id).sort()).toEqual([exited, created].sort())
    expect(preview.containers.find((c) => c.id === exited)?.sizeRw).toBeGreaterThan(0)
    expect(preview.totalBytes).toBe(preview.containers.reduce((sum, c) => sum + c.sizeRw, 0))
    // The run-label filter the E2E uses also finds them (and nothing of other suites).
    const byRun = await call(t.core, 'containers.prunePreview', { label: labelFilter })
    expect(byRun.containers.every((c) => c.id !== stillRunning)).toBe(true)

    // Started again after the preview: must be skipped, not removed.
    await t.docker.getContainer(created).start()
    const result = await call(t.core, 'containers.prune', { ids: preview.containers.map((c) => c.id) })
    expect(result.removed.map((r) => r.id)).toEqual([exited])
    expect(result.skipped).toEqual([expect.objectContaining({ id: created, reason: 'it is running now' })])
    expect(result.reclaimedBytes).toBe(preview.containers.find((c) => c.id === exited)?.sizeRw)
    await expect(t.docker.getContainer(exited).inspect()).rejects.toMatchObject({ statusCode: 404 })
    expect((await t.docker.getContainer(stillRunning).inspect()).State.Running).toBe(true)
  }, 60_000)

  it.each([
    ['an empty id list', { ids: [] }, /nothing to remove/],
    ['a label filter with a space in the key', { label: 'a b=c' }, /no spaces in the key/]
  ])('refuses %s', async (_name, input, message) => {
    const method = 'ids' in input ? 'containers.prune' : 'containers.prunePreview'
    await expect(call(t.core, method, input as never)).rejects.toThrow(message)
  })
})
