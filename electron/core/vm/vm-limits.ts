/**
 * The VM's resources against this host: the sliders' ranges (CPUs 1…cores, memory 1 GiB…host
 * minus a margin, disk grow-only up to what the disk has free), the defaults a new VM gets, and
 * the same checks the form makes, again in the core (a caller may skip the form).
 */
import { statfs } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { RpcError } from '../../../shared/errors'
import { vmResourcesProblems, type VmLimits, type VmResources } from '../../../shared/vm-models'

const MiB = 1024 * 1024
const GiB = 1024 * MiB
/** Left to the host: a quarter of its memory, at least 1 GiB. */
const HOST_MEMORY_MARGIN = (total: number) => Math.max(GiB, total / 4)
export const MIN_DISK_GIB = 8
const DEFAULT_DISK_GIB = 64

export async function hostLimits(dataDir: string, currentDiskGiB: number | undefined): Promise<VmLimits> {
  const total = totalmem()
  const maxMemoryMiB = Math.max(1024, Math.floor((total - HOST_MEMORY_MARGIN(total)) / MiB / 256) * 256)
  let freeGiB = 256
  try {
    const fs = await statfs(dataDir)
    freeGiB = Math.floor((fs.bavail * fs.bsize) / GiB)
  } catch {
    // the folder may not exist yet: the figure above stands in
  }
  const minDiskGiB = currentDiskGiB ?? MIN_DISK_GIB
  return {
    maxCpus: Math.max(1, cpus().length),
    minMemoryMiB: 1024,
    maxMemoryMiB,
    minDiskGiB,
    // The data disk is sparse: it takes room only as the engine writes, so "free + what it has" is the honest top.
    maxDiskGiB: Math.max(minDiskGiB, Math.min(4096, minDiskGiB + freeGiB))
  }
}

export function defaultResources(limits: VmLimits): VmResources {
  const memoryMiB = Math.min(2048, limits.maxMemoryMiB)
  return {
    cpus: Math.min(2, limits.maxCpus),
    memoryMiB,
    diskGiB: Math.min(DEFAULT_DISK_GIB, limits.maxDiskGiB),
    swapMiB: Math.min(1024, memoryMiB)
  }
}

/** Refuses resources outside this host's ranges, in the form's words. */
export function checkResources(resources: VmResources, limits: VmLimits): void {
  const problems = vmResourcesProblems(
    { cpus: String(resources.cpus), memoryMiB: String(resources.memoryMiB), diskGiB: String(resources.diskGiB), swapMiB: String(resources.swapMiB) },
    limits
  )
  const first = Object.entries(problems)[0]
  if (first) throw new RpcError('INVALID_INPUT', first[1], { field: first[0] })
}
