/**
 * React.lazy for a named export: the component's module becomes its own chunk, loaded on first
 * render (inside a Suspense). Used for everything the first view doesn't show, so the page
 * parses less JavaScript before its first paint.
 */
import { lazy, type ComponentType } from 'react'

export function lazyNamed<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return lazy(async () => ({ default: await load() }))
}
