/**
 * The run area's DTOs: what creating a container takes (RunSpec), what inspecting one gives
 * (ContainerDetails), and what a live update sends (UpdateSpec). The input schemas are refined
 * with shared/run-validation.ts, so the RPC boundary enforces the dialog's rules word for word.
 */
import { z } from 'zod'
import { ObjectRef, PortMapping } from './models'
import { checkName, checkRestartRetries, checkResources, validateRunSpec, type FieldIssue } from './run-validation'

/** Adds run-validation's issues to a zod refinement, at the field's path. */
function report(ctx: z.RefinementCtx, issues: readonly FieldIssue[]): void {
  for (const issue of issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) })
  }
}

const Text = (max: number) => z.string().max(max, `at most ${max} characters`)
const Argv = z.array(Text(4096)).max(256, 'at most 256 arguments')

export const RestartPolicyName = z.enum(['no', 'always', 'unless-stopped', 'on-failure'])
export type RestartPolicyName = z.infer<typeof RestartPolicyName>

export const RestartPolicy = z
  .object({ name: RestartPolicyName, maximumRetryCount: z.number().int().min(0).optional() })
  .strict()
export type RestartPolicy = z.infer<typeof RestartPolicy>

export const ResourceLimitsInput = z
  .object({
    nanoCpus: z.number().int().min(0).optional(),
    cpuQuota: z.number().int().min(-1).optional(),
    cpuPeriod: z.number().int().min(0).optional(),
    memory: z.number().int().min(0).optional(),
    memorySwap: z.number().int().min(-1).optional(),
    pidsLimit: z.number().int().min(-1).optional()
  })
  .strict()

export const PortSpec = z
  .object({
    hostIp: Text(64).optional(),
    hostPort: z.number().int().optional(),
    containerPort: z.number().int(),
    protocol: z.enum(['tcp', 'udp'])
  })
  .strict()
export type PortSpec = z.infer<typeof PortSpec>

export const MountSpec = z
  .object({ type: z.enum(['volume', 'bind']), source: Text(4096), target: Text(4096), readOnly: z.boolean() })
  .strict()
export type MountSpec = z.infer<typeof MountSpec>

export const KeyValue = z.object({ key: Text(1024), value: Text(65536) }).strict()
export type KeyValue = z.infer<typeof KeyValue>

const RunSpecFields = z
  .object({
    image: Text(512),
    name: Text(128).optional(),
    /** Replaces the image's CMD when present (already split into arguments). */
    command: Argv.optional(),
    entrypoint: Argv.optional(),
    /** -i: keep stdin open; with tty, the Terminal tab can attach. */
    interactive: z.boolean(),
    tty: z.boolean(),
    workingDir: Text(4096).optional(),
    user: Text(256).optional(),
    ports: z.array(PortSpec).max(256),
    mounts: z.array(MountSpec).max(256),
    env: z.array(KeyValue).max(1024),
    labels: z.array(KeyValue).max(1024),
    restartPolicy: RestartPolicy,
    network: Text(256).optional(),
    resources: ResourceLimitsInput,
    /** Start it right after creating it (the dialog always does). */
    start: z.boolean()
  })
  .strict()

export const RunSpec = RunSpecFields.superRefine((spec, ctx) => report(ctx, validateRunSpec(spec)))
export type RunSpec = z.infer<typeof RunSpec>

export const CreateResult = z.object({
  id: z.string(),
  name: z.string(),
  started: z.boolean(),
  /** The engine's own warnings, e.g. about swap accounting. */
  warnings: z.array(z.string())
})
export type CreateResult = z.infer<typeof CreateResult>

export const UpdateSpec = z
  .object({ id: ObjectRef, resources: ResourceLimitsInput.optional(), restartPolicy: RestartPolicy.optional() })
  .strict()
  .superRefine((spec, ctx) => {
    if (!spec.resources && !spec.restartPolicy) ctx.addIssue({ code: 'custom', message: 'Nothing to update.', path: [] })
    if (spec.resources) report(ctx, checkResources(spec.resources))
    if (spec.restartPolicy) {
      const problem = checkRestartRetries(spec.restartPolicy.name, spec.restartPolicy.maximumRetryCount)
      if (problem) report(ctx, [{ field: 'restartPolicy.maximumRetryCount', message: problem }])
    }
  })
export type UpdateSpec = z.infer<typeof UpdateSpec>

export const UpdateResult = z.object({ warnings: z.array(z.string()) })

export const RenameSpec = z
  .object({ id: ObjectRef, name: Text(128) })
  .strict()
  .superRefine((spec, ctx) => {
    const problem = spec.name === '' ? 'Enter the new name.' : checkName(spec.name)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['name'] })
  })

export const FreePortRequest = z
  .object({ protocol: z.enum(['tcp', 'udp']), hostIp: Text(64).optional() })
  .strict()
export const FreePortResult = z.object({
  port: z.number().int(),
  /** 'host': a socket was bound on the engine's own machine; 'engine': only checked against published ports. */
  checkedOn: z.enum(['host', 'engine']),
  note: z.string()
})
export type FreePortResult = z.infer<typeof FreePortResult>

export const Limits = z.object({
  nanoCpus: z.number(),
  cpuQuota: z.number(),
  cpuPeriod: z.number(),
  memory: z.number(),
  memorySwap: z.number(),
  pidsLimit: z.number()
})
export type Limits = z.infer<typeof Limits>

export const MountInfo = z.object({
  type: z.string(),
  name: z.string().optional(),
  source: z.string(),
  destination: z.string(),
  readOnly: z.boolean()
})
export type MountInfo = z.infer<typeof MountInfo>

export const ContainerDetails = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  /** ISO date. */
  created: z.string(),
  state: z.object({
    status: z.string(),
    running: z.boolean(),
    paused: z.boolean(),
    exitCode: z.number(),
    startedAt: z.string(),
    finishedAt: z.string(),
    oomKilled: z.boolean(),
    error: z.string()
  }),
  command: z.array(z.string()),
  entrypoint: z.array(z.string()),
  workingDir: z.string(),
  user: z.string(),
  tty: z.boolean(),
  openStdin: z.boolean(),
  ports: z.array(PortMapping),
  mounts: z.array(MountInfo),
  env: z.array(KeyValue),
  labels: z.record(z.string(), z.string()),
  restartPolicy: z.object({ name: z.string(), maximumRetryCount: z.number() }),
  limits: Limits,
  networks: z.array(z.object({ name: z.string(), ipAddress: z.string(), gateway: z.string() })),
  /** The engine's whole inspect answer, for the Inspect tab. */
  raw: z.record(z.string(), z.unknown())
})
export type ContainerDetails = z.infer<typeof ContainerDetails>
