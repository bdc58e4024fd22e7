/**
 * The handler table: the union of every resource file's handlers. Typed as HandlerTable, so a
 * method missing here, or one whose input/output disagrees with the contract, fails to compile.
 */
import type { EngineRegistry } from '../engine/registry'
import type { HandlerTable } from '../rpc/handlers'
import { containerHandlers } from './containers'
import { engineHandlers } from './engines'
import { eventHandlers } from './events'
import { imageHandlers } from './images'
import { networkHandlers } from './networks'
import { volumeHandlers } from './volumes'
import { runHandlers } from './run'
import { logsHandlers } from './logs'
import { execHandlers } from './exec'
import { statsHandlers } from './stats'
import { filesHandlers } from './files'
import { snapshotsHandlers } from './snapshots'

export function createHandlerTable(engines: EngineRegistry): HandlerTable {
  return {
    ...engineHandlers(engines),
    ...containerHandlers(engines),
    ...imageHandlers(engines),
    ...volumeHandlers(engines),
    ...networkHandlers(engines),
    ...eventHandlers(engines),
    ...runHandlers(engines),
    ...logsHandlers(engines),
    ...execHandlers(engines),
    ...statsHandlers(engines),
    ...filesHandlers(engines),
    ...snapshotsHandlers(engines)
  }
}
