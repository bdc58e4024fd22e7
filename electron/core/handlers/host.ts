/** host.*: native dialogs when the desktop app supplied them; a clear error in browser mode. */
import { RpcError } from '../../../shared/errors'
import type { hostMethods } from '../../../shared/methods/host'
import type { HostDialogs } from '../host-dialogs'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

function need(dialogs: HostDialogs | undefined): HostDialogs {
  if (!dialogs) throw new RpcError('UNSUPPORTED', 'File dialogs exist only in the desktop app; type a path on the machine running Berth instead.')
  return dialogs
}

export function hostHandlers({ hostDialogs }: CoreServices): PartialHandlers<keyof typeof hostMethods> {
  return {
    'host.capabilities': async () => ({ nativeDialogs: hostDialogs !== undefined, platform: process.platform }),
    'host.pickFolder': async (input) => ({ path: await need(hostDialogs).pickFolder(input) }),
    'host.pickSaveFile': async (input) => ({ path: await need(hostDialogs).pickSaveFile(input) }),
    'host.pickOpenFile': async (input) => ({ path: await need(hostDialogs).pickOpenFile(input) })
  }
}
