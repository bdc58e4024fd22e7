/**
 * Removes what tests created — and only that: containers, images, volumes and networks carrying
 * the berth.test=1 label. Engines may be shared with other people's work, so nothing unlabelled
 * is ever touched. The test image itself carries the label too (so images built FROM it inherit
 * it); it is kept unless the caller says otherwise.
 */
import { engineJson, engineRequest } from './engineHttp'
import { TEST_LABEL_KEY, TEST_LABELS } from './testHost'

export interface CleanupOptions {
  /** Image references never removed (only their extra tags are). Default: the busybox test image. */
  keepImages?: string[]
}

export interface CleanupReport {
  containers: number
  images: number
  volumes: number
  networks: number
}

const DEFAULT_KEEP = ['berth-test/busybox:latest']

function labelFilter(): string {
  const label = `${TEST_LABEL_KEY}=${TEST_LABELS[TEST_LABEL_KEY]}`
  return encodeURIComponent(JSON.stringify({ label: [label] }))
}

async function remove(socketPath: string, path: string): Promise<boolean> {
  const response = await engineRequest(socketPath, path, { method: 'DELETE' })
  // 404: already gone (a container with --rm, a volume removed with its container) — that is fine.
  if (response.status === 404) return false
  if (response.status >= 300) throw new Error(`DELETE ${path} → ${response.status}: ${response.body.trim()}`)
  return true
}

export async function removeLabelledObjects(socketPath: string, options: CleanupOptions = {}): Promise<CleanupReport> {
  const keep = new Set(options.keepImages ?? DEFAULT_KEEP)
  const report: CleanupReport = { containers: 0, images: 0, volumes: 0, networks: 0 }
  const filter = labelFilter()

  // Containers first: they hold volumes, networks and images in use.
  const containers = await engineJson<Array<{ Id: string }>>(socketPath, `/containers/json?all=1&filters=${filter}`)
  for (const { Id } of containers) {
    if (await remove(socketPath, `/containers/${Id}?force=1&v=1`)) report.containers++
  }

  const { Volumes } = await engineJson<{ Volumes: Array<{ Name: string }> | null }>(socketPath, `/volumes?filters=${filter}`)
  for (const { Name } of Volumes ?? []) {
    if (await remove(socketPath, `/volumes/${encodeURIComponent(Name)}?force=1`)) report.volumes++
  }

  const networks = await engineJson<Array<{ Id: string }>>(socketPath, `/networks?filters=${filter}`)
  for (const { Id } of networks) {
    if (await remove(socketPath, `/networks/${Id}`)) report.networks++
  }

  report.images = await removeLabelledImages(socketPath, filter, keep)
  return report
}

/**
 * Images can depend on each other (a child built FROM a labelled parent): removal is retried
 * until a pass makes no progress, so the order the engine lists them in does not matter.
 */
async function removeLabelledImages(socketPath: string, filter: string, keep: Set<string>): Promise<number> {
  let removed = 0
  const failures = new Map<string, string>()
  for (let pass = 0; pass < 5; pass++) {
    const images = await engineJson<Array<{ Id: string; RepoTags: string[] | null }>>(
      socketPath,
      `/images/json?filters=${filter}`
    )
    let progress = false
    failures.clear()
    for (const image of images) {
      const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>')
      // An image that is (also) a kept reference loses only its other tags, never its content.
      const targets = tags.some((tag) => keep.has(tag)) ? tags.filter((tag) => !keep.has(tag)) : [image.Id]
      for (const target of targets) {
        const response = await engineRequest(socketPath, `/images/${encodeURIComponent(target)}?force=1`, {
          method: 'DELETE'
        })
        if (response.status < 300) {
          removed++
          progress = true
        } else if (response.status !== 404) failures.set(target, `${response.status}: ${response.body.trim()}`)
      }
    }
    if (!progress) break
  }
  if (failures.size > 0) {
    const details = [...failures].map(([image, why]) => `${image} (${why})`).join('; ')
    throw new Error(`could not remove labelled images: ${details}`)
  }
  return removed
}
