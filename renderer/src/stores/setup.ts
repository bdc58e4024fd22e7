/**
 * One-click engine setup: whether the dialog is open, what Berth detected, the person's choices
 * (engine, docker group, pkexec or sudo), the plan composed for them, and the run. The run lives
 * here, not in the dialog, so closing the dialog never stops a package install half-way and
 * opening it again shows where it is.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RpcClient } from '../api/client'
import type { PlanRequest, SetupDetection, SetupPlan } from '../../../shared/setup-models'
import { applyProgress, failRun, isRunning, newRun, type RunView } from '../features/setup/runProgress'
import { describeError } from './describeError'

export type SetupChoice = Pick<PlanRequest, 'target' | 'escalation'> & { addToDockerGroup: boolean }

export interface SetupState {
  open: boolean
  detection: SetupDetection | null
  detecting: boolean
  detectError: string | null
  choice: SetupChoice | null
  plan: SetupPlan | null
  planning: boolean
  planError: string | null
  run: RunView | null
  openDialog(): void
  close(): void
  /** Re-reads what the machine has (the banner calls it when the engine becomes unavailable). */
  detect(): Promise<void>
  /** Changes a choice and composes the plan for it. */
  choose(patch: Partial<SetupChoice>): Promise<void>
  /** Runs the current plan; `password` only for sudo. */
  start(password?: string): void
  /** Forgets a finished run and checks the machine again. */
  checkAgain(): Promise<void>
}

export type SetupStore = StoreApi<SetupState>

export function createSetupStore(client: RpcClient): SetupStore {
  let planSeq = 0
  return createStore<SetupState>()((set, get) => {
    async function plan(choice: SetupChoice): Promise<void> {
      const seq = ++planSeq
      set({ choice, planning: true, planError: null })
      try {
        const next = await client.call('setup.plan', choice)
        if (seq === planSeq) set({ plan: next, planning: false })
      } catch (err) {
        if (seq === planSeq) set({ plan: null, planning: false, planError: describeError(err) })
      }
    }

    async function detectAndPlan(): Promise<void> {
      await get().detect()
      const detection = get().detection
      if (!detection || !get().open) return
      const previous = get().choice
      await plan({ target: previous?.target ?? detection.offer.target, addToDockerGroup: previous?.addToDockerGroup ?? true, escalation: previous?.escalation })
    }

    return {
      open: false,
      detection: null,
      detecting: false,
      detectError: null,
      choice: null,
      plan: null,
      planning: false,
      planError: null,
      run: null,

      openDialog() {
        set({ open: true })
        // A run in progress (or just finished) is what the dialog shows; otherwise look afresh.
        if (!get().run) void detectAndPlan()
      },

      close() {
        set({ open: false })
        const { run } = get()
        if (run && !isRunning(run)) set({ run: null, choice: null, plan: null })
      },

      async detect() {
        set({ detecting: true, detectError: null })
        try {
          const detection = await client.call('setup.detect', {})
          set({ detection, detecting: false })
        } catch (err) {
          set({ detecting: false, detectError: describeError(err) })
        }
      },

      async choose(patch) {
        const current = get().choice ?? { target: get().detection?.offer.target ?? 'docker', addToDockerGroup: true }
        await plan({ ...current, ...patch })
      },

      start(password) {
        const current = get().plan
        if (!current || current.blocked || isRunning(get().run)) return
        set({ run: newRun(current) })
        client.stream('setup.run', { planId: current.id, ...(password !== undefined ? { password } : {}) }, {
          onEvent: (event) => {
            const run = get().run
            if (run && run.plan.id === current.id) set({ run: applyProgress(run, event) })
          },
          onEnd: (err) => {
            const run = get().run
            if (err && run && run.plan.id === current.id && !run.finished) set({ run: failRun(run, describeError(err)) })
            // The machine changed: what the banner and the Engines page say must follow.
            void get().detect()
          }
        })
      },

      async checkAgain() {
        set({ run: null, plan: null })
        await detectAndPlan()
      }
    }
  })
}
