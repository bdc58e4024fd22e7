/**
 * The build context as the engine receives it: .dockerignore honoured (an excluded file is absent
 * from the image, an exception pattern re-includes one, excluded folders with exceptions inside
 * are still walked) the same way the docker CLI's classic build sends it; symlinks as symlinks;
 * modes kept; a Dockerfile outside the context; and a large file streamed, not held in memory.
 */
import { execFile } from 'node:child_process'
import { chmodSync, closeSync, mkdirSync, openSync, ftruncateSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestCore } from './handlers-kit'
import { BUILD_LABEL_ARGS, makeContext, removeContext, removeImages, runBuild, uniqueTag } from './build-kit'

const run = promisify(execFile)
let t: TestCore
const contexts: string[] = []
const tags: string[] = []

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeImages(t, tags)
  for (const dir of contexts) removeContext(dir)
  await t.dispose()
})

function tag(name: string): string {
  const value = uniqueTag(name)
  tags.push(value)
  return value
}

/** `find /ctx` inside the image, one "type mode path [-> target]" per line, sorted. */
async function listing(reference: string): Promise<string[]> {
  const container = await t.docker.createContainer({
    Image: reference,
    Cmd: ['sh', '-c', 'cd /ctx && find . | sort | while read f; do if [ -L "$f" ]; then echo "link $f -> $(readlink "$f")"; else echo "$(stat -c %a "$f") $f"; fi; done'],
    Labels: t.labels
  })
  try {
    await container.start()
    await container.wait()
    const logs = await container.logs({ stdout: true, stderr: true })
    // Strip the 8-byte stream headers of the multiplexed log.
    const text: string[] = []
    for (let i = 0; i + 8 <= logs.length; ) {
      const size = logs.readUInt32BE(i + 4)
      text.push(logs.subarray(i + 8, i + 8 + size).toString('utf8'))
      i += 8 + size
    }
    return text.join('').split('\n').filter(Boolean)
  } finally {
    await container.remove({ force: true })
  }
}

function ignoreContext(): string {
  const dir = makeContext({
    Dockerfile: `FROM ${t.host.testImage}\nCOPY . /ctx\n`,
    '.dockerignore': ['# secrets and logs stay home', 'secret.txt', '*.log', '!keep.log', 'build', '!build/dist/app.js', 'docs/**/*.md', ''].join('\n'),
    'secret.txt': 'do not send',
    'keep.txt': 'sent',
    'debug.log': 'not sent',
    'keep.log': 'sent again',
    'build/tmp/object.o': 'not sent',
    'build/dist/app.js': 'sent from inside an excluded folder',
    'build/dist/app.map': 'not sent',
    'docs/guide/intro.md': 'not sent',
    'docs/guide/image.png': 'sent',
    'src/run.sh': '#!/bin/sh\necho run\n'
  })
  chmodSync(join(dir, 'src/run.sh'), 0o750)
  symlinkSync('src/run.sh', join(dir, 'run-link'))
  symlinkSync('/etc/does-not-exist', join(dir, 'dangling'))
  contexts.push(dir)
  return dir
}

describe('build context', () => {
  it('honours .dockerignore with exceptions, keeps symlinks and modes', async () => {
    const dir = ignoreContext()
    const reference = tag('ignore')
    const built = await runBuild(t.core, { contextPath: dir, tags: [reference] })
    expect(built.record.status, built.record.failure?.message).toBe('succeeded')
    const files = await listing(reference)
    const names = files.map((line) => line.split(' ')[1])
    expect(names).toEqual(expect.arrayContaining(['./keep.txt', './keep.log', './build/dist/app.js', './docs/guide/image.png', './Dockerfile', './.dockerignore']))
    for (const absent of ['./secret.txt', './debug.log', './build/tmp', './build/dist/app.map', './docs/guide/intro.md']) expect(names).not.toContain(absent)
    expect(files).toContain('750 ./src/run.sh')
    expect(files).toContain('link ./run-link -> src/run.sh')
    expect(files).toContain('link ./dangling -> /etc/does-not-exist')
  })

  it('sends what the docker CLI (classic builder) sends: same files, and the same cache keys', async () => {
    const hasCli = await run('docker', ['--version']).then(() => true, () => false)
    expect(hasCli, 'the docker CLI is on PATH (the machine ships it)').toBe(true)
    const dir = ignoreContext()
    const theirs = tag('ignore-cli')
    const ours = tag('ignore-ours')
    const { stdout } = await run('docker', ['build', '-q', ...BUILD_LABEL_ARGS, '-t', theirs, dir], {
      env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_HOST: t.host.dockerHost }
    })
    const built = await runBuild(t.core, { contextPath: dir, tags: [ours] })
    // Every step after FROM comes from the CLI's cache: the engine hashed our tar exactly as the CLI's.
    expect(built.record.cachedSteps).toBe(built.record.steps - 1)
    expect(built.record.imageId).toBe(stdout.trim())
    expect(await listing(ours)).toEqual(await listing(theirs))
  })

  it('takes a Dockerfile from outside the context', async () => {
    const dir = makeContext({ 'inside.txt': 'inside' })
    const elsewhere = makeContext({ 'Build.dockerfile': `FROM ${t.host.testImage}\nCOPY inside.txt /ctx/inside.txt\n` })
    contexts.push(dir, elsewhere)
    const reference = tag('external')
    const built = await runBuild(t.core, { contextPath: dir, dockerfile: join(elsewhere, 'Build.dockerfile'), tags: [reference] })
    expect(built.record.status, built.record.failure?.message).toBe('succeeded')
    expect(await listing(reference)).toContain('644 ./inside.txt')
  })

  it('streams a large context without holding it in memory, reporting bytes as they are sent', async () => {
    const size = 256 * 1024 * 1024
    const dir = makeContext({ Dockerfile: `FROM ${t.host.testImage}\nRUN true\n` })
    contexts.push(dir)
    mkdirSync(join(dir, 'data'))
    const fd = openSync(join(dir, 'data/big.bin'), 'w')
    ftruncateSync(fd, size)
    closeSync(fd)
    writeFileSync(join(dir, 'data/small.txt'), 'x')

    global.gc?.()
    const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
    const baseline = used()
    let peak = baseline
    const sampler = setInterval(() => (peak = Math.max(peak, used())), 10)
    const progress: number[] = []
    try {
      const built = await runBuild(t.core, { contextPath: dir, tags: [tag('big')] }, {
        onEvent: (event) => {
          if (event.kind === 'context') progress.push(event.sentBytes)
        }
      })
      expect(built.record.status, built.record.failure?.message).toBe('succeeded')
      expect(built.record.contextBytes).toBeGreaterThanOrEqual(size)
    } finally {
      clearInterval(sampler)
    }
    expect(progress.length).toBeGreaterThan(2)
    expect(progress[progress.length - 1]).toBeGreaterThan(size)
    // The file is 256 MiB; the process must not have grown by anything like it.
    expect(peak - baseline).toBeLessThan(64 * 1024 * 1024)
  })
})
