/**
 * Docker image references, parsed the way the engine and the Docker CLI read them
 * (distribution/reference, normalised like ParseNormalizedNamed):
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path          at most 255 characters
 *   domain    := host [ ":" port ]            host: DNS name, IPv4, or [IPv6]
 *   path      := component ( "/" component )*
 *   component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag       := [\w][\w.-]{0,127}
 *   digest    := algorithm ":" hex            sha256 → exactly 64 lowercase hex
 *
 * The first part of a name is a registry only when it holds a "." or ":", is "localhost", or has
 * capitals (so "team/app" is Docker Hub's team/app). Docker Hub names get "library/" when they
 * have one part. Every mistake has its own sentence, so a field can say exactly what to fix; the
 * dialogs and the RPC boundary use the same functions.
 */

export const DOCKER_HUB = 'docker.io'
export const NAME_MAX_LENGTH = 255
export const TAG_MAX_LENGTH = 128

export interface ImageReference {
  /** The registry host[:port]: "docker.io" when none is written. */
  registry: string
  /** The repository path inside the registry, "library/alpine" for Docker Hub's single names. */
  repository: string
  /** "latest" when neither a tag nor a digest is written; null for a digest-only reference. */
  tag: string | null
  /** e.g. "sha256:…", or null. */
  digest: string | null
}

export type ParsedReference = { ok: true; reference: ImageReference } | { ok: false; problem: string }

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/
const IPV6_HOST = /^\[[a-fA-F0-9:.]+\]$/
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[\w][\w.-]{0,127}$/
const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*$/
const DIGEST_HEX = /^[0-9a-fA-F]{32,}$/
const SHA256_HEX = /^[a-f0-9]{64}$/
const IMAGE_ID = /^[a-f0-9]{64}$/

const EXAMPLE = 'e.g. alpine, alpine:3.20 or registry.example.com:5000/team/app:1.0'

/** Why `tag` is not a tag, or null. An empty tag is a problem here (callers decide whether one is optional). */
export function tagProblem(tag: string): string | null {
  if (tag.length === 0) return 'the tag after ":" is empty: write one (e.g. latest) or leave out the ":"'
  if (tag.length > TAG_MAX_LENGTH) return `tags are at most ${TAG_MAX_LENGTH} characters`
  if (!TAG.test(tag)) return `"${clip(tag)}" is not a tag: a tag uses letters, digits, _ . - and does not start with . or -`
  return null
}

/** Why `digest` is not a content digest, or null. */
export function digestProblem(digest: string): string | null {
  const colon = digest.indexOf(':')
  if (colon <= 0) return `"${clip(digest)}" is not a digest: write algorithm:hex, e.g. sha256: followed by 64 hex characters`
  const algorithm = digest.slice(0, colon)
  const hex = digest.slice(colon + 1)
  if (!DIGEST_ALGORITHM.test(algorithm)) return `"${clip(algorithm)}" is not a digest algorithm: use sha256`
  if (algorithm === 'sha256') {
    if (!SHA256_HEX.test(hex)) {
      return /[A-F]/.test(hex) && hex.length === 64
        ? 'a sha256 digest is written in lowercase hex'
        : `a sha256 digest is exactly 64 hex characters (0-9, a-f); this one has ${hex.length}${/[^0-9a-fA-F]/.test(hex) ? ' and other characters' : ''}`
    }
    return null
  }
  if (!DIGEST_HEX.test(hex)) return `the digest after "${clip(algorithm)}:" must be at least 32 hex characters`
  return null
}

function hostProblem(domain: string): string | null {
  let host = domain
  const portAt = domain.startsWith('[') ? domain.indexOf(']:') + 1 : domain.lastIndexOf(':')
  if (portAt > 0) {
    host = domain.slice(0, portAt)
    const port = domain.slice(portAt + 1)
    if (!/^[0-9]+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      return `"${clip(port)}" is not a port: the registry's port is a number from 1 to 65535 (e.g. registry.local:5000)`
    }
  }
  if (host.startsWith('[')) return IPV6_HOST.test(host) ? null : `"${clip(host)}" is not an IPv6 address in brackets`
  if (host.length === 0) return 'the registry host before ":" is empty'
  if (!host.split('.').every((part) => DOMAIN_COMPONENT.test(part))) {
    return `"${clip(host)}" is not a registry host: use letters, digits, dashes and dots (e.g. registry.example.com)`
  }
  return null
}

function pathProblem(path: string): string | null {
  const parts = path.split('/')
  if (parts.some((part) => part.length === 0)) {
    return `"${clip(path)}" has an empty part: use lowercase letters, digits and separators (. _ __ -) between them, parts joined by single slashes`
  }
  const upper = parts.find((part) => /[A-Z]/.test(part))
  if (upper) return `repository names must be lowercase: "${clip(upper)}" → "${clip(upper.toLowerCase())}"`
  const bad = parts.find((part) => !PATH_COMPONENT.test(part))
  if (bad) {
    return /\s/.test(bad)
      ? `"${clip(bad)}" has a space: names use lowercase letters, digits and separators (. _ __ -), no spaces`
      : `"${clip(bad)}" is not a name part: use lowercase letters, digits and separators (. _ __ -) between them, not at either end`
  }
  return null
}

/** The registry part, if the first part of `name` is one (the CLI's splitDockerDomain rule). */
function splitDomain(name: string): { domain: string | null; path: string } {
  const slash = name.indexOf('/')
  if (slash === -1) return { domain: null, path: name }
  const first = name.slice(0, slash)
  const isDomain = /[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()
  return isDomain ? { domain: first, path: name.slice(slash + 1) } : { domain: null, path: name }
}

/** Parses a reference, or says (in words) what is wrong with it. Surrounding blanks are not ignored: trim first. */
export function parseReference(text: string): ParsedReference {
  const fail = (problem: string): ParsedReference => ({ ok: false, problem })
  if (text.length === 0) return fail(`enter an image reference, ${EXAMPLE}`)
  if (text.length > 512) return fail('image references are at most 512 characters')

  let rest = text
  let digest: string | null = null
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (digest.includes('@')) return fail('a reference has at most one "@" (before its digest)')
    const problem = digestProblem(digest)
    if (problem) return fail(problem)
  }

  let tag: string | null = null
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    const problem = tagProblem(tag)
    if (problem) return fail(problem)
  }

  const name = rest
  if (name.length === 0) return fail(`the repository name is missing, ${EXAMPLE}`)
  if (name.length > NAME_MAX_LENGTH) return fail(`repository names are at most ${NAME_MAX_LENGTH} characters (this one has ${name.length})`)
  if (IMAGE_ID.test(name) && tag === null && digest === null) {
    return fail('that is an image id, not a name: 64-hex-character names are not allowed')
  }
  const { domain, path } = splitDomain(name)
  if (domain !== null && !/[.:]/.test(domain) && domain !== 'localhost') {
    // The engine would read "MyOrg/app" as registry "MyOrg"; a person almost surely meant a name.
    return fail(`repository names must be lowercase: "${clip(name)}" → "${clip(name.toLowerCase())}" (a registry host would need a dot or a port)`)
  }
  if (domain !== null) {
    const problem = hostProblem(domain)
    if (problem) return fail(problem)
  }
  const problem = pathProblem(path)
  if (problem) return fail(problem)

  const hub = domain === null || domain === DOCKER_HUB || domain === 'index.docker.io'
  const registry = hub ? DOCKER_HUB : (domain as string)
  const repository = hub && !path.includes('/') ? `library/${path}` : path
  return { ok: true, reference: { registry, repository, tag: tag ?? (digest ? null : 'latest'), digest } }
}

/** Why `text` is not a reference, or null. */
export function referenceProblem(text: string): string | null {
  const parsed = parseReference(text)
  return parsed.ok ? null : parsed.problem
}

/** Why `name` is not a repository name (no tag, no digest), or null. */
export function repositoryNameProblem(name: string): string | null {
  if (name.includes('@')) return 'a repository name has no digest (nothing after "@")'
  // A ":" after the last "/" would be read as a tag, even in "registry:5000" with no path.
  if (name.lastIndexOf(':') > name.lastIndexOf('/')) return 'a repository name has no tag: put the tag in its own field'
  return referenceProblem(name)
}

/** "registry/repository" as the engine names it in full, e.g. docker.io/library/alpine. */
export function fullName(reference: ImageReference): string {
  return `${reference.registry}/${reference.repository}`
}

/** The short name people write and the engine lists: alpine, team/app, 127.0.0.1:5000/team/app. */
export function familiarName(reference: ImageReference): string {
  if (reference.registry !== DOCKER_HUB) return fullName(reference)
  return reference.repository.startsWith('library/') ? reference.repository.slice('library/'.length) : reference.repository
}

/** The familiar name with its tag and/or digest: alpine:latest, 127.0.0.1:5000/team/app:v1, app@sha256:…. */
export function familiarReference(reference: ImageReference): string {
  const tag = reference.tag !== null ? `:${reference.tag}` : ''
  const digest = reference.digest !== null ? `@${reference.digest}` : ''
  return `${familiarName(reference)}${tag}${digest}`
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * Podman keeps an image built, committed, tagged or loaded under a name with no registry
 * ("team/app") as localhost/team/app, lists it so, and resolves the short name to it first.
 * Such an image comes from no registry: it can't be pulled, and pushing needs a registry tag.
 */
export const LOCAL_ONLY_REGISTRY = 'localhost'

/** Is this Podman's name for an image made on the engine itself (localhost/NAME, no port)? */
export function isLocalOnly(reference: ImageReference): boolean {
  return reference.registry === LOCAL_ONLY_REGISTRY
}

/**
 * What `text` can mean on an engine: itself, and when it names no registry, the same path under
 * localhost/ ("team/app:1" → docker.io/team/app:1 and localhost/team/app:1). Empty when it is not
 * a reference.
 */
export function candidateReferences(text: string): ImageReference[] {
  const parsed = parseReference(text)
  if (!parsed.ok) return []
  const nameEnd = text.indexOf('@') === -1 ? text.length : text.indexOf('@')
  const name = text.slice(0, nameEnd).replace(/:[^/:]*$/, '')
  const { domain, path } = splitDomain(name)
  if (domain !== null) return [parsed.reference]
  return [parsed.reference, { ...parsed.reference, registry: LOCAL_ONLY_REGISTRY, repository: path }]
}

function sameReference(a: ImageReference, b: ImageReference): boolean {
  if (a.registry !== b.registry || a.repository !== b.repository) return false
  // A digest names the content: a tag written beside it ("app:1@sha256:…") does not change what it is.
  return a.digest !== null || b.digest !== null ? a.digest === b.digest : a.tag === b.tag
}

/**
 * Does a name as an engine lists it (a RepoTag or RepoDigest: "alpine:latest",
 * "docker.io/library/alpine:latest", "localhost/app:1", "alpine@sha256:…") name what `text` means?
 */
export function listedNameMatches(text: string, listed: string): boolean {
  const parsed = parseReference(listed)
  if (!parsed.ok) return false
  return candidateReferences(text).some((candidate) => sameReference(candidate, parsed.reference))
}

