/**
 * The run dialog's offer to pull an image this engine doesn't have: the engine would refuse to
 * create the container ("no such image"), so say it beside the field and open the pull dialog
 * with the reference. When the pull is done the image arrives in the images store through
 * events, the offer disappears, and Run works.
 */
import type { ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import { familiarReference, listedNameMatches, parseReference } from '../../../../shared/reference'
import { useStores } from '../../stores/context'
import '../../styles/distribution.css'

const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{12,64}$/

/**
 * The familiar reference to offer pulling, or null: when the text is empty, not a reference, an
 * image id (ids can't be pulled), or an image the engine has (by tag or by digest). Names are
 * compared as references, so Podman's way of listing them counts: docker.io/library/alpine:latest
 * for "alpine", and localhost/team/app:1 for "team/app:1" (an image made on that engine).
 */
export function missingImage(text: string, images: readonly ImageSummary[]): string | null {
  const typed = text.trim()
  if (typed === '' || IMAGE_ID.test(typed)) return null
  const parsed = parseReference(typed)
  if (!parsed.ok) return null
  const { reference } = parsed
  const wanted = familiarReference(reference)
  const present = images.some((image) =>
    (reference.digest !== null ? image.repoDigests : image.repoTags).some((listed) => listedNameMatches(typed, listed))
  )
  return present ? null : wanted
}

export function PullOffer({ reference }: { reference: string }): ReactElement {
  const { views } = useStores()
  return (
    <span className="dist-pull-offer">
      Not on this engine yet.{' '}
      <button type="button" className="link-btn" onClick={() => views.getState().openImageDialog({ kind: 'pull', reference })}>
        Pull {reference}
      </button>
    </span>
  )
}
