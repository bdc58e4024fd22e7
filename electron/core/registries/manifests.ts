/**
 * What a tag is, read from its manifest: one image (Docker schema 2 or OCI: a config blob plus
 * layers, whose sizes add up to what a pull downloads) or an index (a Docker manifest list or
 * OCI index: one manifest per platform). Old schema 1 manifests carry no sizes and are named.
 */

export const MEDIA = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+prettyjws'
} as const

/** Every manifest kind Berth reads; a registry answers with the one it has. */
export const MANIFEST_ACCEPT = [MEDIA.dockerManifest, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.ociIndex, MEDIA.dockerSchema1].join(', ')

interface Descriptor {
  mediaType?: unknown
  digest?: unknown
  size?: unknown
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown }
  annotations?: Record<string, unknown>
}

interface ManifestJson {
  schemaVersion?: unknown
  mediaType?: unknown
  config?: Descriptor
  layers?: Descriptor[]
  manifests?: Descriptor[]
}

export type ManifestReading =
  | { kind: 'image'; mediaType: string; configDigest: string | null; size: number }
  | { kind: 'index'; mediaType: string; platforms: string[] }
  | { kind: 'unknown'; mediaType: string | null; why: string }

function sizeOf(descriptor: Descriptor | undefined): number {
  return typeof descriptor?.size === 'number' && descriptor.size >= 0 ? descriptor.size : 0
}

export function platformName(os: unknown, architecture: unknown, variant: unknown): string | null {
  if (typeof os !== 'string' || typeof architecture !== 'string') return null
  return typeof variant === 'string' && variant !== '' ? `${os}/${architecture}/${variant}` : `${os}/${architecture}`
}

/** Reads a manifest body; `headerType` is the Content-Type the registry sent (the body may omit mediaType). */
export function readManifest(body: unknown, headerType: string | null): ManifestReading {
  const json = (typeof body === 'object' && body !== null ? body : {}) as ManifestJson
  const mediaType = typeof json.mediaType === 'string' ? json.mediaType : headerType
  if (Array.isArray(json.manifests) || mediaType === MEDIA.dockerList || mediaType === MEDIA.ociIndex) {
    const platforms = (json.manifests ?? [])
      // BuildKit's attestation manifests say unknown/unknown: they are not a platform anyone pulls.
      .filter((entry) => entry.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
      .map((entry) => platformName(entry.platform?.os, entry.platform?.architecture, entry.platform?.variant))
      .filter((name): name is string => name !== null && name !== 'unknown/unknown')
    return { kind: 'index', mediaType: mediaType ?? MEDIA.ociIndex, platforms: [...new Set(platforms)] }
  }
  if (json.schemaVersion === 1 || mediaType === MEDIA.dockerSchema1) {
    return { kind: 'unknown', mediaType, why: 'an old schema 1 manifest (no sizes); push it again with a current docker' }
  }
  if (json.config && Array.isArray(json.layers)) {
    const size = sizeOf(json.config) + json.layers.reduce((sum, layer) => sum + sizeOf(layer), 0)
    const configDigest = typeof json.config.digest === 'string' ? json.config.digest : null
    return { kind: 'image', mediaType: mediaType ?? MEDIA.ociManifest, configDigest, size }
  }
  return { kind: 'unknown', mediaType, why: `a manifest Berth does not know (${mediaType ?? 'no media type'})` }
}

/** created and platform from an image config blob. */
export function readImageConfig(config: unknown): { created: string | null; platform: string | null } {
  const json = (typeof config === 'object' && config !== null ? config : {}) as { created?: unknown; os?: unknown; architecture?: unknown; variant?: unknown }
  // Kept as the registry wrote it (nanoseconds included); the renderer formats it.
  const created = typeof json.created === 'string' && !Number.isNaN(Date.parse(json.created)) ? json.created : null
  return { created, platform: platformName(json.os, json.architecture, json.variant) }
}
