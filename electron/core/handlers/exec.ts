/**
 * exec.*: the embedded terminal. One ExecSessions per handler table (one per core); a session is
 * addressed by the random id its `exec.session` stream announced, and lives as long as the stream.
 */
import type { EngineRegistry } from '../engine/registry'
import { ExecSessions } from '../exec-sessions'
import type { PartialHandlers } from '../rpc/handlers'

type ExecMethods = 'exec.session' | 'exec.input' | 'exec.resize' | 'exec.ack'

const DONE = { ok: true } as const

export function execHandlers(engines: EngineRegistry, sessions: ExecSessions = new ExecSessions()): PartialHandlers<ExecMethods> {
  return {
    'exec.session': async ({ containerId, mode, shell, cols, rows }, emit, signal) => {
      const engine = await engines.whenActive(signal)
      const size = { cols, rows }
      const open = () => (mode === 'attach' ? engine.exec.attach(containerId, size) : engine.exec.openExec(containerId, shell, size))
      await sessions.run(open, mode, emit, signal)
    },
    'exec.input': async ({ sessionId, data }) => {
      sessions.input(sessionId, data)
      return DONE
    },
    'exec.resize': async ({ sessionId, cols, rows }) => {
      await sessions.resize(sessionId, cols, rows)
      return DONE
    },
    'exec.ack': async ({ sessionId, bytes }) => {
      sessions.ack(sessionId, bytes)
      return DONE
    }
  }
}
