/** An engine's facts (Engines page) from GET /info and the handshake's /version. */
import type { EngineFacts } from '../../../shared/engines-models'

export interface EngineFactsInfoJson {
  Name?: string
  OSType?: string
  OperatingSystem?: string
  KernelVersion?: string
  Architecture?: string
  NCPU?: number
  MemTotal?: number
  ServerVersion?: string
  Driver?: string
  CgroupDriver?: string
  CgroupVersion?: string
  /** ["name=seccomp,profile=default", "name=rootless", "name=cgroupns"] */
  SecurityOptions?: string[]
}

export function isRootless(securityOptions: readonly string[] | undefined): boolean {
  return (securityOptions ?? []).some((option) => option.split(',').includes('name=rootless'))
}

export function toEngineFacts(info: EngineFactsInfoJson, apiVersion: string, now = Date.now()): EngineFacts {
  return {
    version: info.ServerVersion ?? 'unknown',
    apiVersion,
    os: info.OSType ?? 'unknown',
    operatingSystem: info.OperatingSystem ?? '',
    kernelVersion: info.KernelVersion ?? '',
    arch: info.Architecture ?? 'unknown',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    storageDriver: info.Driver ?? '',
    cgroupDriver: info.CgroupDriver ?? '',
    cgroupVersion: info.CgroupVersion ?? '',
    rootless: isRootless(info.SecurityOptions),
    name: info.Name ?? '',
    readAt: now
  }
}
