/**
 * The sandboxed preload: exposes `window.bridge = { send, onFrame }` and nothing else. It never
 * hands the renderer ipcRenderer or an IPC event (both would give it far more than frames).
 * Bundled into one CommonJS file whose only import is 'electron' (a sandbox requirement).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { BRIDGE_CHANNEL, type BerthBridge } from '../../shared/bridge'
import type { ClientFrame, ServerFrame } from '../../shared/wire'

let currentListener: ((event: IpcRendererEvent, frame: ServerFrame) => void) | undefined

const bridge: BerthBridge = {
  send(frame: ClientFrame): void {
    // The main process validates every frame; this only refuses things IPC cannot clone sensibly.
    if (typeof frame !== 'object' || frame === null) return
    ipcRenderer.send(BRIDGE_CHANNEL, frame)
  },
  onFrame(listener: (frame: ServerFrame) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onFrame needs a function')
    if (currentListener) ipcRenderer.off(BRIDGE_CHANNEL, currentListener)
    const wrapped = (_event: IpcRendererEvent, frame: ServerFrame): void => listener(frame)
    currentListener = wrapped
    ipcRenderer.on(BRIDGE_CHANNEL, wrapped)
    return () => {
      ipcRenderer.off(BRIDGE_CHANNEL, wrapped)
      if (currentListener === wrapped) currentListener = undefined
    }
  }
}

contextBridge.exposeInMainWorld('bridge', bridge)
