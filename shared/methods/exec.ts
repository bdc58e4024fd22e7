/**
 * exec.*: the embedded terminal. `exec.session` opens a TTY session (a new shell via exec, or the
 * container's own TTY when attaching) and streams its output; the session lives exactly as long
 * as that stream. Input, resize and acknowledgements are calls addressed by the session id the
 * stream announced in its `ready` event.
 */
import { ExecAckInput, ExecInputInput, ExecResizeInput, ExecSessionEvent, ExecSessionInput } from '../exec-models'
import { call, Done, stream } from '../spec'

export const execMethods = {
  'exec.session': stream(ExecSessionInput, ExecSessionEvent),
  'exec.input': call(ExecInputInput, Done),
  'exec.resize': call(ExecResizeInput, Done),
  /** Flow control: the client has rendered `bytes` more of the output; see electron/core/exec-sessions.ts. */
  'exec.ack': call(ExecAckInput, Done)
} as const
