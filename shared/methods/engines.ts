/**
 * engines.*: which engines exist, which one is active, what each one is, and adding, renaming
 * and removing SSH remotes. Connecting to a remote may need the person's answer (an unknown host
 * key, a key's passphrase): such calls return an outcome saying what to ask, and the renderer
 * calls again with the answer in `decisions`.
 */
import { z } from 'zod'
import { ConnectDecisions, ConnectOutcome, EngineName, RemoteDraft } from '../engines-models'
import { EngineInfo, EngineSummary } from '../models'
import { call, Done, None, stream } from '../spec'

const EngineId = z.string().min(1, 'Pick an engine.').max(512)

/** The Engines page's live feed: the whole list first, then each engine's change. */
export const EnginesWatchEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('list'), engines: z.array(EngineSummary) }),
  z.object({ type: z.literal('engine'), engine: EngineSummary }),
  z.object({ type: z.literal('removed'), id: z.string() })
])
export type EnginesWatchEvent = z.infer<typeof EnginesWatchEvent>

export const engineMethods = {
  'engines.list': call(None, z.array(EngineSummary)),
  'engines.watch': stream(None, EnginesWatchEvent),
  'engines.use': call(z.object({ id: EngineId }).strict(), EngineSummary),
  'engines.info': call(None, EngineInfo),
  /** Re-reads an engine's facts now (and retries it at once when it is unavailable). */
  'engines.refresh': call(z.object({ id: EngineId }).strict(), EngineSummary),
  /** Tries a remote without keeping it: host key, login, socket (rootless found), /info. */
  'engines.testRemote': call(z.object({ remote: RemoteDraft, decisions: ConnectDecisions }).strict(), ConnectOutcome),
  /** Tests, then keeps the remote (Berth's config dir, no secrets) and lists it; `use` also switches to it. */
  'engines.addRemote': call(
    z.object({ remote: RemoteDraft, decisions: ConnectDecisions, use: z.boolean() }).strict(),
    ConnectOutcome
  ),
  /** Answers what an SSH engine in the list asked for (its attention) and connects it. */
  'engines.connect': call(z.object({ id: EngineId, decisions: ConnectDecisions }).strict(), ConnectOutcome),
  'engines.rename': call(z.object({ id: EngineId, name: EngineName }).strict(), EngineSummary),
  'engines.remove': call(z.object({ id: EngineId }).strict(), Done)
} as const
