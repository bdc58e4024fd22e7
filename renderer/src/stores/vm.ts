/**
 * The Berth VM as the Engines page shows it: its status, live through vm.watch while the page is
 * open (boot phases, build steps, ports), and the actions in flight. Actions run here, not in a
 * dialog, so closing a dialog never loses a start or a resize half-way.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RpcClient } from '../api/client'
import type { VmOptions, VmResources, VmStatus } from '../../../shared/vm-models'
import { describeError } from './describeError'

export type VmAction = 'create' | 'start' | 'stop' | 'force-stop' | 'restart' | 'delete' | 'resources' | 'options'

export interface VmState {
  status: VmStatus | null
  /** The action in flight (one at a time, as the core runs them). */
  busy: VmAction | null
  error: string | null
  watch(): () => void
  create(resources: VmResources): Promise<void>
  start(): Promise<void>
  stop(force?: boolean): Promise<void>
  restart(): Promise<void>
  remove(): Promise<void>
  setResources(resources: VmResources, restart: boolean): Promise<boolean>
  setOptions(patch: Partial<VmOptions>): Promise<void>
  dismissError(): void
}

export type VmStore = StoreApi<VmState>

export function createVmStore(client: RpcClient): VmStore {
  return createStore<VmState>()((set) => {
    /** Runs one action; its result (a status) replaces the shown one, its failure is said in words. */
    async function act(action: VmAction, work: () => Promise<VmStatus | undefined>): Promise<boolean> {
      set({ busy: action, error: null })
      try {
        const status = await work()
        set(status ? { status, busy: null } : { busy: null })
        return true
      } catch (err) {
        set({ busy: null, error: describeError(err) })
        return false
      }
    }
    return {
      status: null,
      busy: null,
      error: null,
      watch() {
        return client.stream('vm.watch', {}, {
          onEvent: (status) => set({ status }),
          onEnd: (err) => {
            if (err) set({ error: describeError(err) })
          }
        })
      },
      create: (resources) => act('create', () => client.call('vm.create', { resources, start: true })).then(() => {}),
      start: () => act('start', () => client.call('vm.start', {})).then(() => {}),
      stop: (force = false) => act(force ? 'force-stop' : 'stop', () => client.call('vm.stop', force ? { force } : {})).then(() => {}),
      restart: () => act('restart', () => client.call('vm.restart', {})).then(() => {}),
      remove: () =>
        act('delete', async () => {
          await client.call('vm.delete', {})
          return undefined
        }).then(() => {}),
      setResources: (resources, restart) => act('resources', () => client.call('vm.setResources', { resources, restart })),
      setOptions: (patch) => act('options', () => client.call('vm.setOptions', patch)).then(() => {}),
      dismissError: () => set({ error: null })
    }
  })
}
