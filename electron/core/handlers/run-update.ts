/**
 * Turns a containers.update request into the engine's update body, or refuses it in words when
 * the engine would refuse it with a cryptic one. Pure, so the conflict rules are unit-tested.
 *
 * The engine's rules (measured on 20.10, see HOST-NOTES): a container created with --cpu-quota
 * can't take --cpus and the reverse; memory above the current memory+swap limit is refused
 * unless memory+swap comes in the same request.
 */
import { RpcError } from '../../../shared/errors'
import type { Limits, UpdateSpec } from '../../../shared/run-models'
import { formatBytesShort } from '../../../shared/run-validation'
import type { EngineUpdateBody } from '../engine/run'
import { toEngineRestartPolicy } from '../engine/run-mapping'

/** The kernel's default CFS period, what `--cpus` uses under the hood. */
export const DEFAULT_CPU_PERIOD_US = 100_000

const cpusText = (cpus: number): string => `${+cpus.toFixed(2)} CPU${cpus === 1 ? '' : 's'}`

export function planUpdate(current: Limits, request: Pick<UpdateSpec, 'resources' | 'restartPolicy'>): EngineUpdateBody {
  const body: EngineUpdateBody = {}
  const wanted = request.resources ?? {}

  if (wanted.nanoCpus) {
    if (current.cpuQuota > 0 && current.nanoCpus === 0) {
      const period = current.cpuPeriod || DEFAULT_CPU_PERIOD_US
      const cpus = wanted.nanoCpus / 1e9
      const quota = Math.round(cpus * period)
      throw new RpcError(
        'CONFLICT',
        `This container was created with a CPU quota (--cpu-quota ${current.cpuQuota} per ${period} µs period = ` +
          `${cpusText(current.cpuQuota / period)}), and the engine won't switch it to a CPUs limit (--cpus). ` +
          `Set the equivalent quota instead: ${quota} µs per ${period} µs = ${cpusText(cpus)}.`,
        { equivalent: { cpuQuota: quota, cpuPeriod: period } }
      )
    }
    body.NanoCpus = wanted.nanoCpus
  }
  if (wanted.cpuQuota !== undefined && wanted.cpuQuota !== 0) {
    if (current.nanoCpus > 0) {
      const period = wanted.cpuPeriod || current.cpuPeriod || DEFAULT_CPU_PERIOD_US
      const cpus = wanted.cpuQuota > 0 ? wanted.cpuQuota / period : current.nanoCpus / 1e9
      throw new RpcError(
        'CONFLICT',
        `This container was created with a CPUs limit (--cpus ${+(current.nanoCpus / 1e9).toFixed(2)}), and the engine won't ` +
          `switch it to a CPU quota. Set CPUs instead: ${cpusText(cpus)}.`,
        { equivalent: { nanoCpus: Math.round(cpus * 1e9) } }
      )
    }
    body.CpuQuota = wanted.cpuQuota
  }
  if (wanted.cpuPeriod) body.CpuPeriod = wanted.cpuPeriod

  if (wanted.memory) {
    const swapLimit = wanted.memorySwap ?? current.memorySwap
    if (wanted.memorySwap === undefined && swapLimit > 0 && wanted.memory > swapLimit) {
      throw new RpcError(
        'CONFLICT',
        `Memory ${formatBytesShort(wanted.memory)} is above the current memory + swap limit (${formatBytesShort(swapLimit)}). ` +
          'Send memory + swap in the same update (at least the memory, or unlimited).'
      )
    }
    body.Memory = wanted.memory
  }
  if (wanted.memorySwap !== undefined && wanted.memorySwap !== 0) {
    if (!wanted.memory && current.memory === 0) {
      throw new RpcError('CONFLICT', 'This container has no memory limit: set one before limiting memory + swap.')
    }
    body.MemorySwap = wanted.memorySwap
  }
  if (wanted.pidsLimit !== undefined && wanted.pidsLimit !== 0) body.PidsLimit = wanted.pidsLimit

  if (request.restartPolicy) body.RestartPolicy = toEngineRestartPolicy(request.restartPolicy)
  return body
}
