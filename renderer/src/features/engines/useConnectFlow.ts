/**
 * The "ask, then call again" loop of an SSH connection: a call answers with an outcome (connected,
 * or a host key / passphrase to ask about, or a key refused); the person answers and the same
 * call is made again with that answer. A typed passphrase is held here, in memory, only while the
 * dialog is open, and sent with each attempt (the core keeps it for that engine's reconnects).
 */
import { useRef, useState } from 'react'
import type { ConnectDecisions, ConnectOutcome, HostKeyPrompt, HostKeyRefusal, RemoteProbe } from '../../../../shared/engines-models'
import { RpcError } from '../../../../shared/errors'
import { describeError } from '../../stores/describeError'

export type FlowStep =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'host-key'; prompt: HostKeyPrompt }
  | { kind: 'passphrase'; keyFile: string; wrong: boolean }
  | { kind: 'refused'; refusal: HostKeyRefusal }
  | { kind: 'connected'; probe: RemoteProbe; engineId?: string }
  | { kind: 'failed'; message: string; field?: string }

export type Attempt<M extends string> = (mode: M, decisions: ConnectDecisions) => Promise<ConnectOutcome>

function stepOf(outcome: ConnectOutcome): FlowStep {
  switch (outcome.status) {
    case 'connected':
      return { kind: 'connected', probe: outcome.probe, engineId: outcome.engineId }
    case 'needs-host-key':
      return { kind: 'host-key', prompt: outcome.hostKey }
    case 'needs-passphrase':
      return { kind: 'passphrase', keyFile: outcome.keyFile, wrong: outcome.wrong }
    case 'host-key-refused':
      return { kind: 'refused', refusal: outcome.refusal }
  }
}

/** The form field an error is about (the core says so in detail.field), if any. */
export function fieldOf(err: unknown): string | undefined {
  if (!(err instanceof RpcError)) return undefined
  const detail = err.detail as { field?: unknown } | undefined
  return typeof detail?.field === 'string' ? detail.field : undefined
}

export interface ConnectFlow<M extends string> {
  step: FlowStep
  /** The last mode run (e.g. test or add), so answers continue the same call. */
  mode: M | null
  run(mode: M): Promise<FlowStep>
  acceptHostKey(prompt: HostKeyPrompt): Promise<FlowStep>
  givePassphrase(passphrase: string): Promise<FlowStep>
  /** Back to idle (the form changed, so an earlier answer no longer applies). */
  reset(): void
}

export function useConnectFlow<M extends string>(attempt: Attempt<M>): ConnectFlow<M> {
  const [step, setStep] = useState<FlowStep>({ kind: 'idle' })
  const [mode, setMode] = useState<M | null>(null)
  const passphrase = useRef<string | undefined>(undefined)
  const latest = useRef(attempt)
  latest.current = attempt

  async function call(nextMode: M, decisions: ConnectDecisions): Promise<FlowStep> {
    setMode(nextMode)
    setStep({ kind: 'busy' })
    let next: FlowStep
    try {
      const withPassphrase = passphrase.current === undefined ? decisions : { ...decisions, passphrase: passphrase.current }
      next = stepOf(await latest.current(nextMode, withPassphrase))
      if (next.kind === 'passphrase' && next.wrong) passphrase.current = undefined
    } catch (err) {
      next = { kind: 'failed', message: describeError(err), field: fieldOf(err) }
    }
    setStep(next)
    return next
  }

  return {
    step,
    mode,
    run: (nextMode) => call(nextMode, {}),
    acceptHostKey: (prompt) => call(mode ?? (undefined as unknown as M), { acceptHostKey: { host: prompt.host, port: prompt.port, fingerprint: prompt.fingerprint } }),
    givePassphrase(text) {
      passphrase.current = text
      return call(mode ?? (undefined as unknown as M), {})
    },
    reset() {
      passphrase.current = undefined
      setStep({ kind: 'idle' })
    }
  }
}
