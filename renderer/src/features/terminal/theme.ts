/**
 * Terminal palettes for the app's light and dark themes (xterm takes colours as values, not CSS
 * variables, so they are spelled out here to match styles/base.css), and the OS theme switch.
 */
import type { ITheme } from '@xterm/xterm'

const LIGHT_THEME: ITheme = {
  background: '#ffffff',
  foreground: '#1b1f27',
  cursor: '#2563eb',
  cursorAccent: '#ffffff',
  selectionBackground: '#bcd2fb',
  black: '#1b1f27',
  red: '#c2281d',
  green: '#15803d',
  yellow: '#a16207',
  blue: '#2563eb',
  magenta: '#9333ea',
  cyan: '#0e7490',
  white: '#8a93a3',
  brightBlack: '#5a6372',
  brightRed: '#dc2626',
  brightGreen: '#16a34a',
  brightYellow: '#ca8a04',
  brightBlue: '#3b82f6',
  brightMagenta: '#a855f7',
  brightCyan: '#0891b2',
  brightWhite: '#c9ced7'
}

const DARK_THEME: ITheme = {
  background: '#111318',
  foreground: '#e6e8ec',
  cursor: '#6ea0ff',
  cursorAccent: '#111318',
  selectionBackground: '#2f4470',
  black: '#23272f',
  red: '#f87171',
  green: '#4ade80',
  yellow: '#fbbf24',
  blue: '#4f8cff',
  magenta: '#c084fc',
  cyan: '#22d3ee',
  white: '#e6e8ec',
  brightBlack: '#747d8c',
  brightRed: '#fca5a5',
  brightGreen: '#86efac',
  brightYellow: '#fde68a',
  brightBlue: '#93b8ff',
  brightMagenta: '#d8b4fe',
  brightCyan: '#67e8f9',
  brightWhite: '#ffffff'
}

const DARK_QUERY = '(prefers-color-scheme: dark)'

export function currentTheme(): ITheme {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? DARK_THEME : LIGHT_THEME
}

/** Calls `onChange` with the new palette whenever the OS theme flips; returns the unsubscribe. */
export function followOsTheme(onChange: (theme: ITheme) => void): () => void {
  if (typeof matchMedia !== 'function') return () => {}
  const query = matchMedia(DARK_QUERY)
  const listener = (): void => onChange(query.matches ? DARK_THEME : LIGHT_THEME)
  query.addEventListener('change', listener)
  return () => query.removeEventListener('change', listener)
}
