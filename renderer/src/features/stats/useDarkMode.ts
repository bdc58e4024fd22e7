import { useEffect, useState } from 'react'

const DARK_QUERY = '(prefers-color-scheme: dark)'

const isDark = (): boolean => typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches

/** Follows the OS theme, so canvas charts (which can't use CSS variables directly) can redraw. */
export function useDarkMode(): boolean {
  const [dark, setDark] = useState(isDark)
  useEffect(() => {
    if (typeof matchMedia !== 'function') return
    const query = matchMedia(DARK_QUERY)
    const onChange = (): void => setDark(query.matches)
    query.addEventListener('change', onChange)
    return () => query.removeEventListener('change', onChange)
  }, [])
  return dark
}
