/**
 * From the store's sorted containers and the person's view settings to the rows the grid shows:
 * search, state filter, and (optionally) Compose project group headers, collapsible.
 */
import { compareNames } from '../../lib/collate'
import type { ContainerState, ContainerSummary } from '../../../../shared/models'
import type { StateFilter } from '../../stores/views'

export type ContainerGridRow =
  | { kind: 'container'; container: ContainerSummary }
  | { kind: 'group'; project: string; label: string; count: number; running: number; collapsed: boolean }

/** Containers outside any Compose project are grouped under this key (not a valid project name). */
export const NO_PROJECT = ' standalone'

const FILTER_STATES: Record<Exclude<StateFilter, 'all'>, readonly ContainerState[]> = {
  running: ['running', 'restarting'],
  paused: ['paused'],
  stopped: ['exited', 'created', 'dead']
}

export function matchesState(container: ContainerSummary, filter: StateFilter): boolean {
  return filter === 'all' || FILTER_STATES[filter].includes(container.state)
}

/** Every word must match one of: name, image, id, Compose project. */
export function matchesSearch(container: ContainerSummary, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = [container.name, container.image, container.id, container.composeProject ?? '']
    .join('\n')
    .toLowerCase()
  return words.every((word) => haystack.includes(word))
}

export function filterContainers(
  containers: readonly ContainerSummary[],
  search: string,
  filter: StateFilter
): ContainerSummary[] {
  return containers.filter((container) => matchesState(container, filter) && matchesSearch(container, search))
}

export function buildRows(
  containers: readonly ContainerSummary[],
  groupByProject: boolean,
  collapsed: ReadonlySet<string>
): ContainerGridRow[] {
  if (!groupByProject) return containers.map((container) => ({ kind: 'container', container }))
  const groups = new Map<string, ContainerSummary[]>()
  for (const container of containers) {
    const key = container.composeProject || NO_PROJECT
    const members = groups.get(key)
    if (members) members.push(container)
    else groups.set(key, [container])
  }
  // Projects by name; standalone containers last.
  const keys = [...groups.keys()].sort((a, b) =>
    a === NO_PROJECT ? 1 : b === NO_PROJECT ? -1 : compareNames(a, b)
  )
  const rows: ContainerGridRow[] = []
  for (const key of keys) {
    const members = groups.get(key) ?? []
    const isCollapsed = collapsed.has(key)
    rows.push({
      kind: 'group',
      project: key,
      label: key === NO_PROJECT ? 'Not in a Compose project' : key,
      count: members.length,
      running: members.filter((member) => member.state === 'running').length,
      collapsed: isCollapsed
    })
    if (!isCollapsed) for (const container of members) rows.push({ kind: 'container', container })
  }
  return rows
}

export function rowKey(row: ContainerGridRow): string {
  return row.kind === 'group' ? `group:${row.project}` : row.container.id
}
