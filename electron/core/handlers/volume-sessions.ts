/**
 * Open volume browse sessions, one per volumes.browse stream: the helper container and the
 * engine client it lives on, found by the session id the stream announced. A session ends with
 * its stream (closed dialog, dropped socket, helper gone), and the helper is removed then.
 * One store per handler table (keyed by its engine registry), as transfers.ts does.
 */
import { randomBytes } from 'node:crypto'
import { RpcError } from '../../../shared/errors'
import type { EngineClient } from '../engine/client'
import type { EngineRegistry } from '../engine/registry'

export interface BrowseSession {
  id: string
  volume: string
  helper: string
  client: EngineClient
}

export class BrowseSessions {
  private readonly sessions = new Map<string, BrowseSession>()

  open(client: EngineClient, volume: string, helper: string): BrowseSession {
    const session = { id: `vb-${randomBytes(12).toString('base64url')}`, volume, helper, client }
    this.sessions.set(session.id, session)
    return session
  }

  get(id: string): BrowseSession {
    const session = this.sessions.get(id)
    if (!session) throw new RpcError('NOT_FOUND', 'This browse session has ended (the window closed, or its helper stopped). Open Browse again.')
    return session
  }

  close(id: string): void {
    this.sessions.delete(id)
  }

  get size(): number {
    return this.sessions.size
  }
}

const byRegistry = new WeakMap<EngineRegistry, BrowseSessions>()

export function browseSessionsFor(engines: EngineRegistry): BrowseSessions {
  let sessions = byRegistry.get(engines)
  if (!sessions) {
    sessions = new BrowseSessions()
    byRegistry.set(engines, sessions)
  }
  return sessions
}
