/**
 * The rule an IPC frame must pass before it reaches a Peer, kept free of Electron imports so it
 * can be unit-tested with plain objects shaped like Electron's.
 */

/** The parts of WebFrameMain the rule reads. */
export interface FrameLike {
  readonly url: string
  readonly detached: boolean
  readonly parent: unknown
  readonly frameTreeNodeId: number
}

/** The parts of an IpcMainEvent the rule reads. */
export interface IpcEventLike {
  readonly sender: { readonly id: number; readonly mainFrame: { readonly frameTreeNodeId: number } }
  readonly senderFrame: FrameLike | null
}

/** Same file:// document, ignoring query and hash (the renderer may use them for its own state). */
export function sameDocument(actual: string, expected: string): boolean {
  try {
    const a = new URL(actual)
    const b = new URL(expected)
    return a.protocol === 'file:' && b.protocol === 'file:' && a.host === b.host && a.pathname === b.pathname
  } catch {
    return false
  }
}

/**
 * True when the frame came from the registered webContents, from its live top frame, showing our
 * own index.html. WebFrameMain objects are not guaranteed to be the same instance across calls,
 * so frames are compared by id, not by identity.
 */
export function isTrustedSender(event: IpcEventLike, registeredContentsId: number | undefined, trustedUrl: string): boolean {
  const frame = event.senderFrame
  return (
    registeredContentsId !== undefined &&
    event.sender.id === registeredContentsId &&
    frame !== null &&
    !frame.detached &&
    frame.parent === null &&
    frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId &&
    sameDocument(frame.url, trustedUrl)
  )
}
