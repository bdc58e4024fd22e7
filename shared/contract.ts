/**
 * The contract: every method Berth has, by name, with its zod schemas. Method names are written
 * only under shared/ (this file and the per-resource modules in shared/methods/); handlers
 * (electron/core/handlers) and the renderer client derive their types from here.
 */
import type { z } from 'zod'
import { containerMethods } from './methods/containers'
import { engineMethods } from './methods/engines'
import { eventMethods } from './methods/events'
import { imageMethods } from './methods/images'
import { volumeMethods } from './methods/volumes'
import { networkMethods } from './methods/networks'
import { distributionMethods } from './methods/distribution'
import { registryMethods } from './methods/registries'
import { imageDetailsMethods } from './methods/image-details'
import { buildMethods } from './methods/build'
import { diskMethods } from './methods/disk'
import { hostMethods } from './methods/host'
import { setupMethods } from './methods/setup'
import { runMethods } from './methods/run'
import { logsMethods } from './methods/logs'
import { execMethods } from './methods/exec'
import { statsMethods } from './methods/stats'
import { filesMethods } from './methods/files'
import { snapshotsMethods } from './methods/snapshots'
import { vmMethods } from './methods/vm'
import type { CallSpec, StreamSpec } from './spec'

export const contract = {
  ...engineMethods,
  ...containerMethods,
  ...imageMethods,
  ...volumeMethods,
  ...networkMethods,
  ...eventMethods,
  ...runMethods,
  ...logsMethods,
  ...execMethods,
  ...statsMethods,
  ...filesMethods,
  ...snapshotsMethods,
  ...distributionMethods,
  ...registryMethods,
  ...imageDetailsMethods,
  ...buildMethods,
  ...diskMethods,
  ...hostMethods,
  ...setupMethods,
  ...vmMethods
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
export type CallName = { [K in MethodName]: Contract[K] extends CallSpec<z.ZodType, z.ZodType> ? K : never }[MethodName]
export type StreamName = { [K in MethodName]: Contract[K] extends StreamSpec<z.ZodType, z.ZodType> ? K : never }[MethodName]

export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>
export type ParsedInputOf<K extends MethodName> = z.output<Contract[K]['input']>
export type OutputOf<K extends CallName> = Contract[K] extends CallSpec<z.ZodType, infer O> ? z.output<O> : never
export type EventOf<K extends StreamName> = Contract[K] extends StreamSpec<z.ZodType, infer E> ? z.output<E> : never

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}
