/** engines.*: which engines exist, which one is active, what it is. */
import { z } from 'zod'
import { EngineInfo, EngineSummary } from '../models'
import { call, None } from '../spec'

export const engineMethods = {
  'engines.list': call(None, z.array(EngineSummary)),
  'engines.use': call(z.object({ id: z.string().min(1).max(512) }).strict(), EngineSummary),
  'engines.info': call(None, EngineInfo)
} as const
