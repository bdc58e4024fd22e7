/**
 * vm.*: the Berth VM's lifecycle (create, start, stop, restart, delete), its resources and options,
 * its live status (boot phases, ports) and its serial console. Its engine is listed by engines.*.
 */
import { z } from 'zod'
import { call, Done, None, stream } from '../spec'
import { SerialLogEvent, VmOptions, VmResourcesInput, VmStatus } from '../vm-models'

export const vmMethods = {
  'vm.status': call(None, VmStatus),
  /** The status now, then every change (boot phases, build steps, ports), until cancelled. */
  'vm.watch': stream(None, VmStatus),
  /** Builds the guest image when needed (cached), makes the VM's disk and key, and starts it. */
  'vm.create': call(z.object({ resources: VmResourcesInput, start: z.boolean() }).strict(), VmStatus),
  'vm.start': call(None, VmStatus),
  /** Graceful (ACPI power button) with a timeout, then hard; `force` skips the graceful part. */
  'vm.stop': call(z.object({ force: z.boolean().optional() }).strict(), VmStatus),
  'vm.restart': call(None, VmStatus),
  /** Stops the VM and deletes its disk and key (its containers and images go with it). */
  'vm.delete': call(None, Done),
  /** Saves new resources; `restart` applies them now by restarting a running VM. */
  'vm.setResources': call(z.object({ resources: VmResourcesInput, restart: z.boolean() }).strict(), VmStatus),
  'vm.setOptions': call(VmOptions.partial().strict(), VmStatus),
  /** The serial console: the last lines first, then new ones as the guest prints them. */
  'vm.serialLog': stream(z.object({ tailLines: z.number().int().min(0).max(10_000).optional() }).strict(), SerialLogEvent)
} as const
