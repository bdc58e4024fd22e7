/**
 * The build contract at the boundary: what build.run refuses before any handler runs (bad tags,
 * arg names, labels, paths, unknown keys) and the defaults it fills in.
 */
import { describe, expect, it } from 'vitest'
import { buildMethods } from '../../shared/methods/build'
import { imageTagProblem } from '../../shared/build-models'

const input = buildMethods['build.run'].input
const ok = { buildId: 'b-12345678', contextPath: '/home/me/app' }

describe('build.run input', () => {
  it('fills the defaults', () => {
    expect(input.parse(ok)).toEqual({ ...ok, dockerfile: 'Dockerfile', tags: [], buildArgs: [], noCache: false, pull: false, labels: [], builder: 'classic' })
  })

  it.each([
    [{ contextPath: 'relative/path' }, 'use a full path'],
    [{ contextPath: '' }, 'choose the folder'],
    [{ tags: ['MyApp'] }, 'must be lowercase'],
    [{ tags: ['app@sha256:abc'] }, 'cannot name a digest'],
    [{ tags: ['app:'] }, 'nothing after ":"'],
    [{ tags: ['app:-x'] }, 'does not start with . or -'],
    [{ buildArgs: [{ name: '1X', value: '' }] }, 'not starting with a digit'],
    [{ buildArgs: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }, 'each build arg name once'],
    [{ labels: [{ name: 'a b', value: '' }] }, 'no spaces'],
    [{ target: '1stage' }, 'starts with a letter'],
    [{ builder: 'kaniko' }, 'Invalid option'],
    [{ buildId: 'x' }, 'a build id is'],
    [{ surprise: true }, 'Unrecognized key']
  ])('refuses %j', (patch, message) => {
    const result = input.safeParse({ ...ok, ...patch })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.message).join(' ')).toContain(message)
  })

  it.each(['app', 'app:1.0', '127.0.0.1:5000/team/app:dev', 'localhost/app', 'registry.example.com:443/a/b/c:v_1'])('accepts the tag %s', (tag) => {
    expect(imageTagProblem(tag)).toBeNull()
  })
})
