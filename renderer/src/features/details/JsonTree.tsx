/**
 * A collapsible JSON tree (role=tree). A search highlights matching keys and values and opens
 * every ancestor of a match; nodes the person opened or closed by hand keep their state.
 */
import { useMemo, useState, type ReactElement, type ReactNode } from 'react'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isBranch(value: Json): value is Json[] | { [key: string]: Json } {
  return typeof value === 'object' && value !== null
}

function entriesOf(value: Json[] | { [key: string]: Json }): Array<[string, Json]> {
  return Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value)
}

function primitiveText(value: Json): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

/** Paths of nodes whose key or primitive value contains `needle`, and of all their ancestors. */
export function findMatches(root: Json, needle: string): { matches: Set<string>; ancestors: Set<string> } {
  const matches = new Set<string>()
  const ancestors = new Set<string>()
  if (!needle) return { matches, ancestors }
  const lower = needle.toLowerCase()
  const walk = (value: Json, path: string, key: string, parents: string[]): void => {
    const hit = key.toLowerCase().includes(lower) || (!isBranch(value) && primitiveText(value).toLowerCase().includes(lower))
    if (hit) {
      matches.add(path)
      for (const parent of parents) ancestors.add(parent)
    }
    if (isBranch(value)) for (const [k, v] of entriesOf(value)) walk(v, `${path}/${k}`, k, [...parents, path])
  }
  if (isBranch(root)) for (const [k, v] of entriesOf(root)) walk(v, `/${k}`, k, [''])
  return { matches, ancestors }
}

function Highlight({ text, needle }: { text: string; needle: string }): ReactNode {
  if (!needle) return text
  const at = text.toLowerCase().indexOf(needle.toLowerCase())
  if (at < 0) return text
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + needle.length)}</mark>
      {text.slice(at + needle.length)}
    </>
  )
}

export interface JsonTreeProps {
  value: unknown
  search: string
  label: string
}

export function JsonTree({ value, search, label }: JsonTreeProps): ReactElement {
  const root = value as Json
  // Manually toggled nodes: true = open, false = closed. Root's children start closed.
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map())
  const { matches, ancestors } = useMemo(() => findMatches(root, search), [root, search])

  const isOpen = (path: string): boolean => toggled.get(path) ?? (path === '' || ancestors.has(path))
  const toggle = (path: string): void => setToggled(new Map(toggled).set(path, !isOpen(path)))

  const renderNode = (key: string, node: Json, path: string, level: number): ReactElement => {
    const hit = matches.has(path)
    if (!isBranch(node)) {
      return (
        <li key={path} role="treeitem" aria-level={level} aria-selected={false} className={hit ? 'json-leaf is-match' : 'json-leaf'}>
          <span className="json-key"><Highlight text={key} needle={search} /></span>
          <span className="json-colon">: </span>
          <span className={`json-value json-${node === null ? 'null' : typeof node}`}>
            <Highlight text={primitiveText(node)} needle={search} />
          </span>
        </li>
      )
    }
    const children = entriesOf(node)
    const open = isOpen(path)
    const summary = Array.isArray(node) ? `[${children.length}]` : `{${children.length}}`
    return (
      <li key={path} role="treeitem" aria-level={level} aria-expanded={open} aria-selected={false} className={hit ? 'json-branch is-match' : 'json-branch'}>
        <button type="button" className="json-toggle" aria-label={`${open ? 'Collapse' : 'Expand'} ${key}`} onClick={() => toggle(path)}>
          <span className={open ? 'json-caret is-open' : 'json-caret'} aria-hidden="true">▸</span>
          <span className="json-key"><Highlight text={key} needle={search} /></span>
          <span className="json-summary">{summary}</span>
        </button>
        {open ? (
          <ul role="group">{children.map(([k, v]) => renderNode(k, v, `${path}/${k}`, level + 1))}</ul>
        ) : null}
      </li>
    )
  }

  if (!isBranch(root)) return <pre className="json-plain">{primitiveText(root)}</pre>
  return (
    <ul role="tree" aria-label={label} className="json-tree">
      {entriesOf(root).map(([k, v]) => renderNode(k, v, `/${k}`, 1))}
    </ul>
  )
}
