/**
 * The desktop transport: frames on one IPC channel both ways, one Peer per webContents.
 * Every incoming frame is checked before it reaches a Peer: it must come from a webContents we
 * registered, from its top frame, and that frame must be showing our own renderer's index.html.
 */
import { ipcMain, type IpcMainEvent, type WebContents } from 'electron'
import { BRIDGE_CHANNEL } from '../../shared/bridge'
import type { ServerFrame } from '../../shared/wire'
import type { HandlerTable } from '../core/rpc/handlers'
import { Peer } from '../core/rpc/peer'
import { isTrustedSender } from './sender-trust'

type Log = (message: string) => void

export class IpcTransport {
  private readonly peers = new Map<number, { contents: WebContents; peer: Peer }>()
  private readonly onFrame = (event: IpcMainEvent, frame: unknown): void => this.receive(event, frame)

  constructor(
    private readonly handlers: HandlerTable,
    private readonly trustedUrl: string,
    private readonly log: Log
  ) {
    ipcMain.on(BRIDGE_CHANNEL, this.onFrame)
  }

  /** Gives `contents` a Peer; a fresh one after every navigation so a reloaded page never sees old streams. */
  attach(contents: WebContents): void {
    const id = contents.id
    const replacePeer = (): void => {
      this.peers.get(id)?.peer.close()
      const peer = new Peer(this.handlers, (frame: ServerFrame) => this.sendTo(contents, frame), {
        onInternalError: (method, err) => this.log(`${method}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      })
      this.peers.set(id, { contents, peer })
    }
    const drop = (): void => {
      this.peers.get(id)?.peer.close()
      this.peers.delete(id)
    }
    replacePeer()
    contents.on('did-navigate', replacePeer)
    contents.on('render-process-gone', drop)
    contents.once('destroyed', drop)
  }

  dispose(): void {
    ipcMain.off(BRIDGE_CHANNEL, this.onFrame)
    for (const { peer } of this.peers.values()) peer.close()
    this.peers.clear()
  }

  private receive(event: IpcMainEvent, frame: unknown): void {
    const entry = this.peers.get(event.sender.id)
    if (entry === undefined || entry.contents !== event.sender || !isTrustedSender(event, entry.contents.id, this.trustedUrl)) {
      this.log(`Ignored an IPC frame from an untrusted sender (${event.senderFrame?.url ?? 'unknown frame'}).`)
      return
    }
    entry.peer.receive(frame)
  }

  private sendTo(contents: WebContents, frame: ServerFrame): void {
    if (contents.isDestroyed()) throw new Error('window closed')
    contents.send(BRIDGE_CHANNEL, frame)
  }
}
