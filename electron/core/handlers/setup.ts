/** setup.*: detect what this machine has, compose the exact commands, run a composed plan. */
import type { setupMethods } from '../../../shared/methods/setup'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'
import { SetupService } from '../setup/service'

export function setupHandlers(services: CoreServices): PartialHandlers<keyof typeof setupMethods> {
  const setup = new SetupService({ engines: services.engines, env: services.env, configDir: services.configDir, log: services.log })
  return {
    'setup.detect': async () => setup.detect(),
    'setup.plan': async (request) => setup.plan(request),
    'setup.run': async (request, emit, signal) => setup.run(request, emit, signal)
  }
}
