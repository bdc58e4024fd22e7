/**
 * Registries area DTOs and validation: registry addresses (host[:port], the way docker names a
 * registry in an image reference), login state (never a password: the renderer learns only who
 * is logged in and where the secret is kept), catalog and tag pages, and Docker Hub search.
 * The *Problem functions return a sentence for people or null, so dialogs and zod share one rule.
 */
import { z } from 'zod'

/** The id Berth gives Docker Hub; every other registry's id is its host[:port]. */
export const DOCKER_HUB_ID = 'docker.io'
/** Names people (and docker) use for Docker Hub. */
export const DOCKER_HUB_ALIASES = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com', 'registry.hub.docker.com']

const LABEL = '(?:[a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9])'
const HOST_RE = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::([0-9]{1,5}))?$`)

export interface ParsedAddress {
  /** host[:port], lowercase: the registry's id and its key in config.json. */
  id: string
  /** Only when the person typed one (http:// or https://). */
  scheme?: 'http' | 'https'
}

/** Reads "127.0.0.1:5000", "https://registry.example.com/" or "registry.example.com:443"; null when it is none of those. */
export function parseRegistryAddress(text: string): ParsedAddress | null {
  let rest = text.trim().toLowerCase()
  let scheme: ParsedAddress['scheme']
  const withScheme = /^(https?):\/\//.exec(rest)
  if (withScheme) {
    scheme = withScheme[1] as 'http' | 'https'
    rest = rest.slice(withScheme[0].length)
  }
  // The CLI accepts a trailing "/" and even "/v2/" after the host; nothing else.
  rest = rest.replace(/\/(?:v[12]\/?)?$/, '')
  const match = HOST_RE.exec(rest)
  if (!match) return null
  if (match[1] !== undefined && (Number(match[1]) < 1 || Number(match[1]) > 65535)) return null
  return scheme ? { id: rest, scheme } : { id: rest }
}

export function isDockerHub(id: string): boolean {
  return DOCKER_HUB_ALIASES.includes(id)
}

/** What is wrong with an address typed in "Add registry…", or null. */
export function registryAddressProblem(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed.length === 0) return 'type the registry address, e.g. registry.example.com or 127.0.0.1:5000'
  if (trimmed.length > 300) return 'a registry address is at most 300 characters'
  if (/\s/.test(trimmed)) return 'a registry address has no spaces'
  const parsed = parseRegistryAddress(trimmed)
  if (!parsed) {
    if (/^[a-z]+:\/\//i.test(trimmed) && !/^https?:\/\//i.test(trimmed)) return 'only http:// or https:// (or no scheme at all)'
    if (/\/./.test(trimmed.replace(/^https?:\/\//i, ''))) return 'just the registry host and port, without a path (e.g. registry.example.com:5000)'
    const port = /:(\d*)\/?$/.exec(trimmed.replace(/^https?:\/\//i, ''))
    if (port && (port[1] === '' || Number(port[1]) < 1 || Number(port[1]) > 65535)) return 'the port is a number from 1 to 65535'
    return 'use host or host:port, e.g. registry.example.com or 127.0.0.1:5000'
  }
  if (isDockerHub(parsed.id)) return 'Docker Hub is always in the list'
  return null
}

/** A registry id at the RPC boundary: Docker Hub's id or a valid host[:port]. */
export const RegistryId = z
  .string()
  .max(300, 'a registry address is at most 300 characters')
  .refine((id) => id === DOCKER_HUB_ID || parseRegistryAddress(id)?.id === id, 'a registry is docker.io or host[:port] in lowercase')

/** A repository path inside a registry (distribution's grammar: lowercase components joined by /). */
export const RepositoryName = z
  .string()
  .min(1, 'a repository name is required')
  .max(255, 'repository names are at most 255 characters')
  .regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, 'repository names are lowercase parts joined by /')

export const TagName = z.string().regex(/^[\w][\w.-]{0,127}$/, 'a tag uses letters, digits, _ . - (at most 128)')
export const Digest = z.string().regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/, 'a digest looks like sha256:<64 hex digits>')

/** Usernames and passwords as the CLI allows them: anything printable, bounded. */
export const LoginInput = z
  .object({
    registry: RegistryId,
    username: z.string().trim().min(1, 'type your user name').max(256, 'user names are at most 256 characters').regex(/^[^:\s]+$/, 'a user name has no colon or spaces'),
    password: z.string().min(1, 'type your password or access token').max(8192, 'a password is at most 8192 characters')
  })
  .strict()

export const CredentialLocation = z.discriminatedUnion('kind', [
  /** Plain base64 in config.json `auths` (what `docker login` does without a helper). */
  z.object({ kind: z.literal('file'), path: z.string() }),
  /** A docker-credential-<helper> program keeps the secret (credsStore or credHelpers). */
  z.object({ kind: z.literal('helper'), helper: z.string(), path: z.string() })
])
export type CredentialLocation = z.infer<typeof CredentialLocation>

export const LoginStatus = z.object({
  registry: z.string(),
  /** Who is logged in; null when nobody is. Never the password. */
  username: z.string().nullable(),
  /** Where `docker login` would store (and Berth stores) credentials for this registry. */
  storedIn: CredentialLocation,
  /** Why the state could not be read (a credential helper missing or failing), else null. */
  problem: z.string().nullable()
})
export type LoginStatus = z.infer<typeof LoginStatus>

export const RegistryEntry = z.object({
  id: z.string(),
  /** "Docker Hub" or the address. */
  name: z.string(),
  kind: z.enum(['hub', 'v2']),
  /** Where Berth talks to it: https://… or (loopback, as the engine allows) http://… */
  url: z.string(),
  /** builtin: Docker Hub; added: by the person in Berth; docker-config: found in config.json (a CLI login). */
  source: z.enum(['builtin', 'added', 'docker-config']),
  login: LoginStatus
})
export type RegistryEntry = z.infer<typeof RegistryEntry>

export const CatalogPage = z.object({
  registry: z.string(),
  repositories: z.array(z.string()),
  /** Pass as `last` for the next page; null on the last page. */
  next: z.string().nullable()
})
export type CatalogPage = z.infer<typeof CatalogPage>

export const TagDetails = z.object({
  tag: z.string(),
  /** The manifest digest (what a pull by digest names, and what deleting removes). */
  digest: z.string().nullable(),
  /** image: one platform; index: a manifest list / OCI index (multi-platform). */
  kind: z.enum(['image', 'index', 'unknown']),
  mediaType: z.string().nullable(),
  /** Bytes a pull downloads: config + layers as stored (compressed); null for an index. */
  size: z.number().nullable(),
  /** ISO time from the image config; null when unknown. */
  created: z.string().nullable(),
  /** "linux/amd64" for an image; null for an index. */
  platform: z.string().nullable(),
  /** For an index: its platforms ("linux/arm64/v8"…). */
  platforms: z.array(z.string()),
  /** Why details are missing for this one tag (the others may be fine). */
  problem: z.string().nullable()
})
export type TagDetails = z.infer<typeof TagDetails>

export const TagsPage = z.object({
  registry: z.string(),
  repository: z.string(),
  tags: z.array(TagDetails),
  next: z.string().nullable()
})
export type TagsPage = z.infer<typeof TagsPage>

export const HubResult = z.object({
  name: z.string(),
  description: z.string(),
  stars: z.number(),
  official: z.boolean()
})
export type HubResult = z.infer<typeof HubResult>

export const HubSearchResult = z.discriminatedUnion('reachable', [
  z.object({ reachable: z.literal(true), results: z.array(HubResult), total: z.number() }),
  /** The expected case on a machine without internet: said in words, not thrown. */
  z.object({ reachable: z.literal(false), message: z.string() })
])
export type HubSearchResult = z.infer<typeof HubSearchResult>
