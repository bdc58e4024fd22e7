import { describe, expect, it } from 'vitest'
import { VmResourcesInput, vmResourcesProblems, type VmLimits } from '../../../shared/vm-models'
import { buildStepOf } from '../../../electron/core/vm/vm-image'
import { defaultResources } from '../../../electron/core/vm/vm-limits'

const limits: VmLimits = { maxCpus: 4, minMemoryMiB: 1024, maxMemoryMiB: 6144, minDiskGiB: 20, maxDiskGiB: 200 }
const good = { cpus: '2', memoryMiB: '2048', diskGiB: '20', swapMiB: '1024' }

describe('vmResourcesProblems', () => {
  it('accepts values inside this host’s ranges', () => {
    expect(vmResourcesProblems(good, limits)).toEqual({})
  })

  it.each([
    [{ cpus: '' }, 'cpus', 'Enter the number of CPUs.'],
    [{ cpus: '1.5' }, 'cpus', 'The number of CPUs is a whole number.'],
    [{ cpus: '5' }, 'cpus', 'Between 1 and 4 CPUs (this machine has 4).'],
    [{ memoryMiB: 'lots' }, 'memoryMiB', 'The memory is a whole number.'],
    [{ memoryMiB: '512', swapMiB: '0' }, 'memoryMiB', 'Between 1024 and 6144 MiB (what this machine can spare).'],
    [{ diskGiB: '10' }, 'diskGiB', 'The disk only grows: at least 20 GiB (its size now).'],
    [{ diskGiB: '500' }, 'diskGiB', 'At most 200 GiB.'],
    [{ swapMiB: '4096' }, 'swapMiB', 'Swap is at most the memory size.']
  ])('refuses %j in words', (patch, field, message) => {
    expect(vmResourcesProblems({ ...good, ...patch }, limits)).toEqual({ [field]: message })
  })

  it('is checked again at the boundary', () => {
    expect(VmResourcesInput.safeParse({ cpus: 2, memoryMiB: 2048, diskGiB: 20, swapMiB: 4096 }).success).toBe(false)
    expect(VmResourcesInput.safeParse({ cpus: 0, memoryMiB: 2048, diskGiB: 20, swapMiB: 0 }).success).toBe(false)
    expect(VmResourcesInput.safeParse({ cpus: 2, memoryMiB: 2048, diskGiB: 20, swapMiB: 0, extra: 1 }).success).toBe(false)
  })

  it('gives a new VM defaults inside the ranges', () => {
    const defaults = defaultResources(limits)
    const form = { cpus: String(defaults.cpus), memoryMiB: String(defaults.memoryMiB), diskGiB: String(defaults.diskGiB), swapMiB: String(defaults.swapMiB) }
    expect(vmResourcesProblems(form, limits)).toEqual({})
  })
})

describe('buildStepOf', () => {
  it('reads the recipe’s progress lines only', () => {
    expect(buildStepOf('berth-vm-build: debootstrap bookworm (0s)')).toBe('debootstrap bookworm')
    expect(buildStepOf('berth-vm-build: root.img (61.5s)')).toBe('root.img')
    expect(buildStepOf('berth-vm-build: cached /x/manifest.json')).toBeUndefined()
    expect(buildStepOf('I: Retrieving InRelease')).toBeUndefined()
  })
})
