/**
 * The image reference grammar, table-driven: good references and the parts they give (registry,
 * repository with Docker Hub's implicit library/, tag defaulting to latest, digest), and bad ones
 * with the words that name each mistake.
 */
import { describe, expect, it } from 'vitest'
import { candidateReferences, familiarReference, isLocalOnly, listedNameMatches, parseReference, repositoryNameProblem, tagProblem } from '../../shared/reference'

const SHA = 'a'.repeat(64)

describe('parseReference: good references', () => {
  it.each([
    ['alpine', 'docker.io', 'library/alpine', 'latest', null, 'alpine:latest'],
    ['alpine:3.20', 'docker.io', 'library/alpine', '3.20', null, 'alpine:3.20'],
    ['team/app', 'docker.io', 'team/app', 'latest', null, 'team/app:latest'],
    ['docker.io/library/alpine:edge', 'docker.io', 'library/alpine', 'edge', null, 'alpine:edge'],
    ['docker.io/alpine', 'docker.io', 'library/alpine', 'latest', null, 'alpine:latest'],
    ['index.docker.io/team/app', 'docker.io', 'team/app', 'latest', null, 'team/app:latest'],
    ['127.0.0.1:5000/distribution/x:v1', '127.0.0.1:5000', 'distribution/x', 'v1', null, '127.0.0.1:5000/distribution/x:v1'],
    ['localhost/app', 'localhost', 'app', 'latest', null, 'localhost/app:latest'],
    ['localhost:5000/a/b/c', 'localhost:5000', 'a/b/c', 'latest', null, 'localhost:5000/a/b/c:latest'],
    ['Registry.Example.com/app', 'Registry.Example.com', 'app', 'latest', null, 'Registry.Example.com/app:latest'],
    ['[::1]:5000/app:v2', '[::1]:5000', 'app', 'v2', null, '[::1]:5000/app:v2'],
    ['a__b-c---d/e.f_g', 'docker.io', 'a__b-c---d/e.f_g', 'latest', null, 'a__b-c---d/e.f_g:latest'],
    ['a.b/c', 'a.b', 'c', 'latest', null, 'a.b/c:latest'],
    [`app@sha256:${SHA}`, 'docker.io', 'library/app', null, `sha256:${SHA}`, `app@sha256:${SHA}`],
    [`reg.io/app:v1@sha256:${SHA}`, 'reg.io', 'app', 'v1', `sha256:${SHA}`, `reg.io/app:v1@sha256:${SHA}`],
    ['app:_under', 'docker.io', 'library/app', '_under', null, 'app:_under'],
    [`app:${'t'.repeat(128)}`, 'docker.io', 'library/app', 't'.repeat(128), null, `app:${'t'.repeat(128)}`]
  ])('%s', (text, registry, repository, tag, digest, familiar) => {
    const parsed = parseReference(text)
    expect(parsed).toEqual({ ok: true, reference: { registry, repository, tag, digest } })
    if (parsed.ok) expect(familiarReference(parsed.reference)).toBe(familiar)
  })
})

describe('parseReference: one sentence per mistake', () => {
  it.each([
    ['', 'enter an image reference'],
    ['MyApp', 'repository names must be lowercase'],
    ['team/MyApp:v1', 'repository names must be lowercase: "MyApp" → "myapp"'],
    ['MyOrg/app', 'must be lowercase: "MyOrg/app" → "myorg/app" (a registry host would need a dot or a port)'],
    ['my app', 'has a space'],
    ['app:', 'the tag after ":" is empty'],
    ['app:-v1', 'does not start with . or -'],
    ['app:v 1', 'is not a tag'],
    [`app:${'t'.repeat(129)}`, 'at most 128 characters'],
    ['app@sha256:abc', 'exactly 64 hex characters'],
    [`app@sha256:${'A'.repeat(64)}`, 'lowercase hex'],
    ['app@md5', 'is not a digest'],
    [`app@1x:${SHA}`, 'is not a digest algorithm'],
    [`app@sha256:${SHA}@sha256:${SHA}`, 'at most one "@"'],
    ['reg.io:99999/app', 'the registry\'s port is a number from 1 to 65535'],
    ['reg.io:0/app', 'from 1 to 65535'],
    ['reg.io:http/app', 'is not a port'],
    ['-bad.io/app', 'is not a registry host'],
    ['reg.io/', 'has an empty part'],
    ['team//app', 'has an empty part'],
    ['/app', 'has an empty part'],
    ['-app', 'is not a name part'],
    ['app-', 'is not a name part'],
    ['a..b', 'is not a name part'],
    ['a___b', 'is not a name part'],
    [':v1', 'the repository name is missing'],
    [`${'a'.repeat(256)}`, 'at most 255 characters'],
    [SHA, 'that is an image id']
  ])('%j', (text, words) => {
    const parsed = parseReference(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problem).toContain(words)
  })
})

describe('tags and repository names on their own', () => {
  it.each([
    ['latest', null],
    ['v1.2_rc-1', null],
    ['.v1', 'does not start'],
    ['', 'empty']
  ])('tag %j', (tag, words) => {
    const problem = tagProblem(tag)
    if (words === null) expect(problem).toBeNull()
    else expect(problem).toContain(words)
  })

  it.each([
    ['team/app', null],
    ['127.0.0.1:5000/team/app', null],
    ['app:v1', 'has no tag'],
    ['registry:5000', 'has no tag'],
    [`app@sha256:${SHA}`, 'has no digest'],
    ['App', 'lowercase']
  ])('repository %j', (name, words) => {
    const problem = repositoryNameProblem(name)
    if (words === null) expect(problem).toBeNull()
    else expect(problem).toContain(words)
  })
})

describe('names as Podman lists them', () => {
  it('a name without a registry also means the same path under localhost/ (Podman\'s name for an image made there)', () => {
    expect(candidateReferences('team/app:1')).toEqual([
      { registry: 'docker.io', repository: 'team/app', tag: '1', digest: null },
      { registry: 'localhost', repository: 'team/app', tag: '1', digest: null }
    ])
    expect(candidateReferences('alpine').map((r) => `${r.registry}/${r.repository}:${r.tag}`)).toEqual([
      'docker.io/library/alpine:latest',
      'localhost/alpine:latest'
    ])
    // A registry written out means that registry only.
    expect(candidateReferences('127.0.0.1:5000/team/app')).toHaveLength(1)
    expect(candidateReferences('localhost/app')).toEqual([{ registry: 'localhost', repository: 'app', tag: 'latest', digest: null }])
    expect(candidateReferences('Not Valid')).toEqual([])
  })

  it('matches listed names by what they mean, not by their spelling', () => {
    expect(listedNameMatches('alpine', 'docker.io/library/alpine:latest')).toBe(true)
    expect(listedNameMatches('alpine', 'alpine:latest')).toBe(true)
    expect(listedNameMatches('berth-test/busybox', 'localhost/berth-test/busybox:latest')).toBe(true)
    expect(listedNameMatches('docker.io/berth-test/busybox', 'localhost/berth-test/busybox:latest')).toBe(false)
    expect(listedNameMatches('alpine:3.20', 'docker.io/library/alpine:latest')).toBe(false)
    expect(listedNameMatches(`app:1@sha256:${'a'.repeat(64)}`, `localhost/app@sha256:${'a'.repeat(64)}`)).toBe(true)
    expect(listedNameMatches('alpine', '<none>:<none>')).toBe(false)
  })

  it('knows Podman\'s local-only names (localhost without a port)', () => {
    const local = parseReference('localhost/team/app:1')
    const withPort = parseReference('localhost:5000/team/app:1')
    expect(local.ok && isLocalOnly(local.reference)).toBe(true)
    expect(withPort.ok && isLocalOnly(withPort.reference)).toBe(false)
  })
})
