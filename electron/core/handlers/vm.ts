/**
 * vm.*: the Berth VM's lifecycle, resources and options (VmManager does the work), its live
 * status, and its serial console (the last lines, then each new one).
 */
import type { vmMethods } from '../../../shared/methods/vm'
import type { VmStatus } from '../../../shared/vm-models'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'
import { lastLines, SerialTail } from '../vm/serial'
import type { VmManager } from '../vm/vm-manager'

const SERIAL_BATCH_MS = 100

function watchVm(vm: VmManager, emit: (status: VmStatus) => void, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    emit(vm.status())
    const off = vm.onStatus(emit)
    signal.addEventListener('abort', () => (off(), resolve()), { once: true })
  })
}

/** The console's last lines, then new ones in small batches (a chatty boot is not a frame per line). */
async function followSerial(vm: VmManager, tailLines: number, emit: (event: { lines: string[] }) => void, signal: AbortSignal): Promise<void> {
  const { lines, followFrom } = await lastLines(vm.files.serialLog, tailLines)
  emit({ lines })
  if (signal.aborted) return
  const tail = new SerialTail(vm.files.serialLog, followFrom)
  let pending: string[] = []
  const timer = setInterval(() => {
    if (pending.length === 0) return
    emit({ lines: pending })
    pending = []
  }, SERIAL_BATCH_MS)
  tail.onLine((line) => pending.push(line))
  tail.start()
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
  clearInterval(timer)
  await tail.stop()
}

export function vmHandlers(services: CoreServices): PartialHandlers<keyof typeof vmMethods> {
  const { vm } = services
  return {
    'vm.status': async () => vm.status(),
    'vm.watch': (_input, emit, signal) => watchVm(vm, emit, signal),
    'vm.create': ({ resources, start }) => vm.create(resources, start),
    'vm.start': () => vm.start(),
    'vm.stop': ({ force }) => vm.stop(force ?? false),
    'vm.restart': () => vm.restart(),
    'vm.delete': async () => {
      await vm.delete()
      return { ok: true as const }
    },
    'vm.setResources': ({ resources, restart }) => vm.setResources(resources, restart),
    'vm.setOptions': (patch) => vm.setOptions(patch),
    'vm.serialLog': ({ tailLines }, emit, signal) => followSerial(vm, tailLines ?? 500, emit, signal)
  }
}
