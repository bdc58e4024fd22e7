/**
 * Builds: the one build that is running or just finished (so closing the dialog does not stop
 * it — the Builds page shows it and the dialog reopens on it) and the history read from Berth's
 * config folder. A re-run starts straight from a past build's options.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { BuildOptionsInput, BuildRecord } from '../../../shared/build-models'
import { RpcError } from '../../../shared/errors'
import type { RpcClient } from '../api/client'
import { applyBuildEvent, failBuild, isRunning, newBuild, type ActiveBuild } from '../features/build/buildProgress'
import { describeError } from './describeError'

export interface BuildsState {
  active: ActiveBuild | null
  history: BuildRecord[]
  historyLoaded: boolean
  historyError: string | null
  start(options: BuildOptionsInput): void
  cancel(): Promise<void>
  /** Forgets a finished build (the dialog's form shows again). */
  dismiss(): void
  loadHistory(): Promise<void>
  clearHistory(): Promise<void>
}

export type BuildsStore = StoreApi<BuildsState>

function newBuildId(): string {
  const bytes = new Uint8Array(9)
  crypto.getRandomValues(bytes)
  return `b-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}

export function createBuildsStore(client: RpcClient): BuildsStore {
  let unsubscribe: (() => void) | null = null
  return createStore<BuildsState>()((set, get) => {
    const update = (buildId: string, change: (build: ActiveBuild) => ActiveBuild): void => {
      const active = get().active
      if (active && active.buildId === buildId) set({ active: change(active) })
    }
    return {
      active: null,
      history: [],
      historyLoaded: false,
      historyError: null,

      start(options) {
        if (isRunning(get().active)) return
        const buildId = newBuildId()
        set({ active: newBuild(buildId, options, Date.now()) })
        unsubscribe = client.stream('build.run', { ...options, buildId }, {
          onEvent: (event) => {
            update(buildId, (build) => applyBuildEvent(build, event, Date.now()))
            if (event.kind === 'result') {
              const { history } = get()
              set({ history: [event.record, ...history.filter((r) => r.id !== event.record.id)] })
            }
          },
          onEnd: (err) => {
            unsubscribe = null
            if (!err) return
            const field = err instanceof RpcError ? ((err.detail as { field?: string } | undefined)?.field ?? null) : null
            update(buildId, (build) => (build.record ? build : failBuild(build, describeError(err), field, Date.now())))
          }
        })
      },

      async cancel() {
        const active = get().active
        if (!active || !isRunning(active)) return
        update(active.buildId, (build) => ({ ...build, cancelling: true }))
        try {
          const { cancelled } = await client.call('build.cancel', { buildId: active.buildId })
          // Not running on the other side any more (it just ended): nothing to wait for.
          if (!cancelled) update(active.buildId, (build) => ({ ...build, cancelling: false }))
        } catch {
          // Berth can't be reached to ask: stop listening, which aborts the build on its side.
          unsubscribe?.()
          update(active.buildId, (build) => failBuild(build, 'Cancelled (Berth could not be reached to confirm).', null, Date.now()))
        }
      },

      dismiss() {
        if (!isRunning(get().active)) set({ active: null })
      },

      async loadHistory() {
        try {
          set({ history: await client.call('build.history', {}), historyLoaded: true, historyError: null })
        } catch (err) {
          set({ historyError: describeError(err) })
        }
      },

      async clearHistory() {
        await client.call('build.clearHistory', {})
        set({ history: [], historyLoaded: true, historyError: null })
      }
    }
  })
}
