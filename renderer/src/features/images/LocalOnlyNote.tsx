/**
 * Why some images are named localhost/NAME: Podman's name for an image built, committed, tagged or
 * loaded on the engine itself. Shown above the list only while such an image is listed, so people
 * who see the prefix for the first time are told what it means and what it implies for pushing.
 */
import { useMemo, type ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import { LOCAL_ONLY_REGISTRY } from '../../../../shared/reference'

const LOCAL_PREFIX = `${LOCAL_ONLY_REGISTRY}/`

export function hasLocalOnlyNames(images: readonly ImageSummary[]): boolean {
  return images.some((image) => image.repoTags.some((tag) => tag.startsWith(LOCAL_PREFIX)))
}

export function LocalOnlyNote({ images }: { images: readonly ImageSummary[] }): ReactElement | null {
  const shown = useMemo(() => hasLocalOnlyNames(images), [images])
  if (!shown) return null
  return (
    <p className="hint local-only-note" role="note">
      Names starting with <span className="mono">localhost/</span> are Podman&apos;s names for images made on this engine (built,
      committed, tagged or loaded here): no registry has them. You can run them by the name without the prefix; to push one, tag
      it for a registry first.
    </p>
  )
}
