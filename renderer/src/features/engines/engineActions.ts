/**
 * What an engine card offers, contributed per kind of engine: every engine can be used and
 * checked now; SSH engines waiting for a person offer to answer (a host key, a passphrase);
 * engines the person added can be renamed and removed. A new kind of engine (the bundled VM)
 * adds its own contributor — start, stop, settings — without touching the card.
 */
import type { EngineSummary } from '../../../../shared/models'

export interface EngineAction {
  id: string
  label: string
  /** The accessible name: the label plus which engine. */
  ariaLabel: string
  onSelect: () => void
  tone?: 'primary' | 'danger'
  disabled?: boolean
  title?: string
}

/** What the page lets contributors do. */
export interface EngineActionContext {
  use(engine: EngineSummary): void
  refresh(engine: EngineSummary): void
  answer(engine: EngineSummary): void
  rename(engine: EngineSummary): void
  remove(engine: EngineSummary): void
  switchingTo: string | null
  refreshing: ReadonlySet<string>
}

export type EngineActionContributor = (engine: EngineSummary, context: EngineActionContext) => EngineAction[]

const ATTENTION_LABEL = { 'host-key': 'Check host key…', passphrase: 'Enter passphrase…', 'host-key-refused': 'Why refused?' } as const

const everyEngine: EngineActionContributor = (engine, context) => [
  {
    id: 'use',
    label: engine.active ? 'In use' : 'Use',
    ariaLabel: `Use ${engine.name}`,
    tone: engine.active ? undefined : 'primary',
    disabled: engine.active || context.switchingTo !== null,
    onSelect: () => context.use(engine)
  },
  {
    id: 'refresh',
    label: engine.state === 'connected' ? 'Refresh' : 'Retry now',
    ariaLabel: `${engine.state === 'connected' ? 'Refresh' : 'Retry'} ${engine.name}`,
    disabled: context.refreshing.has(engine.id),
    title: engine.state === 'connected' ? 'Read its details again' : 'Try to connect now instead of waiting for the next check',
    onSelect: () => context.refresh(engine)
  }
]

const sshAttention: EngineActionContributor = (engine, context) =>
  engine.kind === 'ssh' && engine.attention
    ? [{ id: 'answer', label: ATTENTION_LABEL[engine.attention.kind], ariaLabel: `${ATTENTION_LABEL[engine.attention.kind].replace('…', '')} for ${engine.name}`, tone: 'primary', onSelect: () => context.answer(engine) }]
    : []

const addedEngine: EngineActionContributor = (engine, context) =>
  engine.source === 'settings'
    ? [
        { id: 'rename', label: 'Rename…', ariaLabel: `Rename ${engine.name}`, onSelect: () => context.rename(engine) },
        {
          id: 'remove',
          label: 'Remove…',
          ariaLabel: `Remove ${engine.name}`,
          tone: 'danger',
          disabled: engine.active,
          title: engine.active ? 'This engine is in use: switch to another one first.' : undefined,
          onSelect: () => context.remove(engine)
        }
      ]
    : []

export const ENGINE_ACTION_CONTRIBUTORS: EngineActionContributor[] = [sshAttention, everyEngine, addedEngine]

export function engineActions(engine: EngineSummary, context: EngineActionContext): EngineAction[] {
  return ENGINE_ACTION_CONTRIBUTORS.flatMap((contribute) => contribute(engine, context))
}

/** Why an engine can't be removed here, in words (added ones can). */
export function whyNotRemovable(engine: EngineSummary): string | undefined {
  switch (engine.source) {
    case 'settings':
      return undefined
    case 'env':
      return 'To remove it, change or unset DOCKER_HOST.'
    case 'context':
      return 'To remove it, use docker context rm.'
    case 'well-known':
      return 'Berth always lists this machine’s Docker sockets.'
    case 'vm':
      return 'To remove it, delete the VM from its card.'
  }
}
