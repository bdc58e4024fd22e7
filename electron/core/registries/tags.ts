/**
 * One page of tags with what people ask about each: digest, size, created, platform(s). Each tag
 * costs a manifest read (and a config read for images), so they run a few at a time, and a tag
 * that cannot be read says why in its own row instead of failing the page.
 */
import type { TagDetails, TagsPage } from '../../../shared/registries-models'
import { RpcError } from '../../../shared/errors'
import type { RegistryClient } from './client'
import { readImageConfig, readManifest } from './manifests'

/** Parallel manifest reads per page: quick on a local registry, polite to a remote one. */
const DETAIL_CONCURRENCY = 6

export async function tagDetails(client: RegistryClient, repository: string, tag: string, signal?: AbortSignal): Promise<TagDetails> {
  const empty: TagDetails = { tag, digest: null, kind: 'unknown', mediaType: null, size: null, created: null, platform: null, platforms: [], problem: null }
  try {
    const manifest = await client.manifest(repository, tag, signal)
    const reading = readManifest(manifest.body, manifest.mediaType)
    const base = { ...empty, digest: manifest.digest, mediaType: reading.mediaType }
    if (reading.kind === 'index') return { ...base, kind: 'index', platforms: reading.platforms }
    if (reading.kind === 'unknown') return { ...base, problem: reading.why }
    const config = reading.configDigest ? readImageConfig(await client.blobJson(repository, reading.configDigest, signal)) : { created: null, platform: null }
    return { ...base, kind: 'image', size: reading.size, created: config.created, platform: config.platform }
  } catch (err) {
    // Cancelling, or a registry that stopped answering altogether, fails the whole page.
    if (err instanceof RpcError && (err.code === 'CANCELLED' || err.code === 'UNREACHABLE' || err.code === 'UNAUTHORIZED')) throw err
    return { ...empty, problem: err instanceof Error ? err.message : String(err) }
  }
}

export async function tagsPage(
  client: RegistryClient,
  repository: string,
  pageSize: number,
  last: string | undefined,
  signal?: AbortSignal
): Promise<TagsPage> {
  const page = await client.tags(repository, pageSize, last, signal)
  const tags: TagDetails[] = new Array<TagDetails>(page.names.length)
  let nextIndex = 0
  const worker = async (): Promise<void> => {
    while (nextIndex < page.names.length) {
      const index = nextIndex++
      tags[index] = await tagDetails(client, repository, page.names[index], signal)
    }
  }
  await Promise.all(Array.from({ length: Math.min(DETAIL_CONCURRENCY, page.names.length) }, worker))
  return { registry: client.endpoint.id, repository, tags, next: page.next }
}
