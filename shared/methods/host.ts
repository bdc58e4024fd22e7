/**
 * host.*: what the machine running Berth offers besides the engine. Native file dialogs exist only
 * in the desktop app; in browser mode `host.capabilities` says so and the UI asks for a path.
 */
import { z } from 'zod'
import { call, None } from '../spec'

const Title = z.string().min(1).max(200)
const Filters = z.array(z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[\w*]+$/).max(20)).max(10) }).strict()).max(10)
/** The chosen path, or null when the person cancelled. */
const PickedPath = z.object({ path: z.string().nullable() })

export const hostMethods = {
  'host.capabilities': call(None, z.object({ nativeDialogs: z.boolean(), platform: z.string() })),
  'host.pickFolder': call(z.object({ title: Title, defaultPath: z.string().max(4096).optional() }).strict(), PickedPath),
  'host.pickSaveFile': call(z.object({ title: Title, defaultName: z.string().min(1).max(255), filters: Filters.optional() }).strict(), PickedPath),
  'host.pickOpenFile': call(z.object({ title: Title, filters: Filters.optional() }).strict(), PickedPath)
} as const
