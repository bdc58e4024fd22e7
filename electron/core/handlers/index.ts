/**
 * The handler table: the union of every resource file's handlers. Typed as HandlerTable, so a
 * method missing here, or one whose input/output disagrees with the contract, fails to compile.
 */
import type { HandlerTable } from '../rpc/handlers'
import type { CoreServices } from '../services'
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
import { distributionHandlers } from './distribution'
import { registryHandlers } from './registries'
import { imageDetailsHandlers } from './image-details'
import { buildHandlers } from './build'
import { diskHandlers } from './disk'
import { hostHandlers } from './host'
import { setupHandlers } from './setup'
import { vmHandlers } from './vm'

export function createHandlerTable(services: CoreServices): HandlerTable {
  const { engines } = services
  return {
    ...engineHandlers(services),
    ...containerHandlers(engines),
    ...imageHandlers(services),
    ...volumeHandlers(engines),
    ...networkHandlers(engines),
    ...eventHandlers(engines),
    ...runHandlers(engines),
    ...logsHandlers(engines),
    ...execHandlers(engines),
    ...statsHandlers(engines),
    ...filesHandlers(engines),
    ...snapshotsHandlers(engines),
    ...distributionHandlers(services),
    ...registryHandlers(services),
    ...imageDetailsHandlers(services),
    ...buildHandlers(services),
    ...diskHandlers(services),
    ...hostHandlers(services),
    ...setupHandlers(services),
    ...vmHandlers(services)
  }
}
