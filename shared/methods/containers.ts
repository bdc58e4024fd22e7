/** containers.*: the list and the lifecycle actions. */
import { z } from 'zod'
import { ContainerSummary, ObjectRef } from '../models'
import { call, Done, None } from '../spec'

const ById = z.object({ id: ObjectRef }).strict()
const WithTimeout = z.object({ id: ObjectRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() }).strict()
/** Docker accepts signal names (KILL, SIGTERM) and numbers; we accept both, bounded. */
const Signal = z.string().regex(/^(SIG)?[A-Z0-9+-]{1,12}$|^[0-9]{1,2}$/, 'a signal such as SIGKILL, TERM or 9')

export const containerMethods = {
  'containers.list': call(None, z.array(ContainerSummary)),
  'containers.start': call(ById, Done),
  'containers.stop': call(WithTimeout, Done),
  'containers.restart': call(WithTimeout, Done),
  'containers.pause': call(ById, Done),
  'containers.unpause': call(ById, Done),
  'containers.kill': call(z.object({ id: ObjectRef, signal: Signal.optional() }).strict(), Done),
  'containers.remove': call(
    z.object({ id: ObjectRef, force: z.boolean().optional(), volumes: z.boolean().optional() }).strict(),
    Done
  )
} as const
