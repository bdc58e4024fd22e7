/**
 * What a removal will do, in words, from the engine's plan (images.removalPlan): untag or delete,
 * the tags that go or stay, and the containers in the way. Pure functions, shared by the one-image
 * and the many-images remove dialogs.
 */
import type { ImageUser, RemovalPlan, RemovalResult } from '../../../../shared/image-maintenance-models'
import { formatBytes, plural, shortId } from '../../lib/format'

export type RemovalChoice = 'untag' | 'delete'

/** The reference to send: the tag for an untag, the id for a delete (which takes every tag). */
export function targetOf(plan: RemovalPlan, choice: RemovalChoice, tag: string | undefined): string {
  return choice === 'untag' && tag ? tag : plan.imageId
}

export function describeEffect(plan: RemovalPlan, choice: RemovalChoice, tag: string | undefined): string {
  if (choice === 'untag' && tag) {
    const rest = plan.tags.filter((t) => t !== tag)
    return `Removes the tag ${tag} only. The image stays, under ${rest.length === 1 ? 'its other tag' : 'its other tags'} ${rest.join(', ')}; containers using it are not touched.`
  }
  const size = formatBytes(plan.size)
  if (plan.tags.length === 0) return `Deletes the untagged image ${shortId(plan.imageId)} (${size}).`
  if (plan.tags.length === 1) return `Deletes the image ${plan.tags[0]} (${size}): its only tag goes, and the image with it.`
  return `Deletes the image ${shortId(plan.imageId)} (${size}) and all ${plan.tags.length} of its tags: ${plan.tags.join(', ')}.`
}

export function describeUser(user: ImageUser): string {
  return `${user.name} (${user.state})`
}

/** Containers that stop a delete (an untag never waits for anyone). */
export function blockingUsers(plan: RemovalPlan, choice: RemovalChoice): ImageUser[] {
  return choice === 'delete' ? plan.users : []
}

export function describeResult(label: string, result: RemovalResult): string {
  const parts: string[] = []
  if (result.stoppedContainers.length) parts.push(`stopped ${result.stoppedContainers.map((c) => c.name).join(', ')}`)
  if (result.removedContainers.length) parts.push(`removed ${plural(result.removedContainers.length, 'container')} (${result.removedContainers.map((c) => c.name).join(', ')})`)
  if (result.untagged.length) parts.push(`untagged ${result.untagged.join(', ')}`)
  const deletedImage = result.deleted.length > 0
  if (deletedImage) parts.push('deleted the image')
  return `${label}: ${parts.join('; ') || 'nothing to do'}.`
}
