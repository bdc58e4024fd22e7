/**
 * "Always pull" against the test registry (htpasswd auth): a FROM image that lives only in the
 * registry fails at step 1 with the engine's words when Berth has no credentials, and builds once
 * ~/.docker/config.json has them (sent to the engine as X-Registry-Config), with the pull's
 * progress shown as step 1's output.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestCore, type TestCore } from './handlers-kit'
import { makeContext, outputOf, removeContext, removeImages, runBuild, uniqueTag } from './build-kit'

let t: TestCore
let base: string
/** The core's DOCKER_CONFIG: empty at first (no credentials), then given a login. */
let dockerConfig: string
const contexts: string[] = []
const tags: string[] = []

function authFor(t: TestCore) {
  return { username: t.host.registry.user, password: t.host.registry.password, serveraddress: t.host.registry.host }
}

beforeAll(async () => {
  dockerConfig = makeContext({})
  contexts.push(dockerConfig)
  t = await createTestCore({ DOCKER_CONFIG: dockerConfig })
  base = `${t.host.registry.host}/build/base-${randomBytes(3).toString('hex')}:v1`
  const [repo, tag] = base.split(/:(?=[^:]+$)/)
  await t.docker.getImage(t.host.testImage).tag({ repo, tag })
  const stream = (await t.docker.getImage(base).push({ authconfig: authFor(t) } as object)) as NodeJS.ReadableStream
  const answer = await new Promise<string>((resolve, reject) => {
    let text = ''
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    stream.on('end', () => resolve(text))
    stream.on('error', reject)
  })
  if (answer.includes('"error"')) throw new Error(`push failed: ${answer}`)
  // Only the registry has it now: the build must pull it.
  await t.docker.getImage(base).remove()
})

afterAll(async () => {
  await removeImages(t, [...tags, base])
  for (const dir of contexts) removeContext(dir)
  await t.dispose()
})

describe('build.run with pull', () => {
  it('fails at the FROM step without credentials, and pulls with the ones in config.json', async () => {
    const dir = makeContext({ Dockerfile: `# base from the private registry\nFROM ${base}\nRUN echo pulled-and-built\n` })
    contexts.push(dir)
    const reference = uniqueTag('pull')
    tags.push(reference)

    const denied = await runBuild(t.core, { contextPath: dir, tags: [reference], pull: true })
    expect(denied.record.status).toBe('failed')
    expect(denied.record.failure).toMatchObject({ step: 1, line: 2 })
    expect(denied.record.failure?.message).toMatch(/auth|denied|unauthorized/i)
    expect(denied.record.failure?.message).toContain(`Log in to ${t.host.registry.host}`)

    const { username, password } = authFor(t)
    writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [t.host.registry.host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } }))
    const pulled = await runBuild(t.core, { contextPath: dir, tags: [reference], pull: true })
    expect(pulled.record.status, pulled.record.failure?.message).toBe('succeeded')
    expect(outputOf(pulled, 1).join('\n')).toMatch(/Pulling from build\/base-|Status: Downloaded newer image|Already exists|Pull complete/)
    expect(outputOf(pulled, 2)).toContain('pulled-and-built')
  })
})
