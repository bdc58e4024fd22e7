import type { ImageSummary } from '../../../../shared/models'
import { shortId } from '../../lib/format'

const UNTAGGED = '<none>:<none>'

export function firstTag(image: ImageSummary): string | undefined {
  return image.repoTags.find((tag) => tag !== UNTAGGED)
}

/** What people call the image: its first repo:tag, or "<none> 1a2b3c4d5e6f" when untagged. */
export function imageLabel(image: ImageSummary): string {
  return firstTag(image) ?? `<none> ${shortId(image.id)}`
}

/** Splits "registry:5000/team/app:1.2" at the last colon after the last slash. */
export function splitTag(tag: string): { repository: string; tag: string } {
  const slash = tag.lastIndexOf('/')
  const colon = tag.lastIndexOf(':')
  if (colon > slash) return { repository: tag.slice(0, colon), tag: tag.slice(colon + 1) }
  return { repository: tag, tag: '' }
}

export function matchesImage(image: ImageSummary, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = [...image.repoTags, image.id].join('\n').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

export function filterImages(images: readonly ImageSummary[], search: string, danglingOnly: boolean): ImageSummary[] {
  return images.filter((image) => (!danglingOnly || image.dangling) && matchesImage(image, search))
}

/**
 * The names to save an image under: all its tags (so a load brings them back), or its id when it
 * has none (docker save by id keeps no name).
 */
export function saveRefs(image: ImageSummary): string[] {
  return image.repoTags.length > 0 ? [...image.repoTags] : [image.id]
}
