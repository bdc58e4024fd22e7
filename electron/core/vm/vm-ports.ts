/**
 * Published ports, the Docker Desktop way: every port a running container in the VM publishes
 * is reachable on this machine's 127.0.0.1 at the same number, without the person doing
 * anything. The VM's engine events are followed (on their own stream: the VM need not be the
 * engine in use), and after each container start or stop the set of published ports is read
 * again and the hypervisor's forwards are made to match. A port this machine already uses is
 * reported in words on the VM's status, not silently skipped.
 */
import type { ForwardedPort } from '../../../shared/vm-models'
import type { EngineClient, RawEngineEvent } from '../engine/client'
import type { RunningVm } from './hypervisor'

const SETTLE_MS = 80
const RESUBSCRIBE_MS = 500
/** Container actions after which its published ports may differ. */
const PORT_ACTIONS = new Set(['start', 'die', 'stop', 'kill', 'destroy', 'restart', 'unpause', 'pause'])

type Key = `${'tcp' | 'udp'}/${number}`

/** Published ports a guest's running containers want on every interface (the ones a forward can reach). */
export async function wantedPorts(client: EngineClient, signal?: AbortSignal): Promise<Map<Key, string>> {
  const wanted = new Map<Key, string>()
  for (const container of await client.listContainers(undefined, signal)) {
    if (container.state !== 'running') continue
    for (const port of container.ports) {
      if (!port.publicPort || port.protocol === 'sctp') continue
      // A port published on the guest's own 127.0.0.1 is private to the guest, as on any engine.
      if (port.hostIp && port.hostIp !== '0.0.0.0' && port.hostIp !== '::') continue
      wanted.set(`${port.protocol}/${port.publicPort}`, container.name)
    }
  }
  return wanted
}

export class VmPorts {
  private readonly forwarded = new Map<Key, ForwardedPort>()
  private readonly abort = new AbortController()
  private timer?: NodeJS.Timeout
  private reconciling: Promise<void> = Promise.resolve()

  constructor(
    private readonly vm: RunningVm,
    private readonly clientOf: () => EngineClient | undefined,
    private readonly changed: (ports: ForwardedPort[]) => void,
    private readonly log: (message: string) => void
  ) {}

  list(): ForwardedPort[] {
    return [...this.forwarded.values()].sort((a, b) => a.port - b.port)
  }

  /** Follows the engine until stop(); each (re)subscription starts with a full reconcile. */
  start(): void {
    void this.follow()
  }

  stop(): void {
    this.abort.abort()
    clearTimeout(this.timer)
    this.forwarded.clear()
  }

  private async follow(): Promise<void> {
    while (!this.abort.signal.aborted) {
      const client = this.clientOf()
      if (client) {
        this.schedule()
        const onEvent = (event: RawEngineEvent) => {
          if (event.type === 'container' && PORT_ACTIONS.has(event.action)) this.schedule()
        }
        await client.events(onEvent, this.abort.signal).catch(() => {})
      }
      await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_MS))
    }
  }

  /** Coalesces a burst of events into one read. */
  private schedule(): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.reconciling = this.reconciling.then(() => this.reconcile()).catch((err: Error) => this.log(`vm: ports: ${err.message}`))
    }, SETTLE_MS)
  }

  /** Makes the forwards match what the containers publish now. */
  async reconcile(): Promise<void> {
    const client = this.clientOf()
    if (!client || this.abort.signal.aborted) return
    const wanted = await wantedPorts(client, this.abort.signal)
    let changed = false
    for (const [key, entry] of this.forwarded) {
      if (wanted.has(key)) continue
      this.forwarded.delete(key)
      changed = true
      if (!entry.problem) await this.vm.unforwardPort(entry.protocol, entry.port).catch(() => {})
    }
    for (const [key, container] of wanted) {
      const existing = this.forwarded.get(key)
      if (existing && !existing.problem) continue
      const [protocol, number] = key.split('/') as ['tcp' | 'udp', string]
      const port = Number(number)
      const entry: ForwardedPort = { port, protocol, container }
      try {
        // A VM adopted from an earlier Berth still has that Berth's rules: ours to replace.
        if (!existing) await this.vm.unforwardPort(protocol, port).catch(() => {})
        await this.vm.forwardPort(protocol, port, port)
      } catch (err) {
        entry.problem = `${container} publishes ${port}/${protocol}, but ${(err as Error).message}: it is reachable only inside the VM. Free that port here, or publish another one.`
      }
      if (existing?.problem && entry.problem) continue
      this.forwarded.set(key, entry)
      changed = true
    }
    if (changed) this.changed(this.list())
  }
}
