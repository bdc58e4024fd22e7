/**
 * A list read page by page with a cursor (the v2 API's `last`): the first page on mount and
 * whenever `key` changes, more on demand. Answers to an older key are dropped, so typing in a
 * search box never shows the results of what was typed before.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { RpcError } from '../../../../shared/errors'
import { describeError } from '../../stores/describeError'

export interface PageResult<T> {
  items: T[]
  next: string | null
}

export interface Pages<T> {
  items: T[]
  /** More to read after these. */
  hasMore: boolean
  loading: boolean
  error: { message: string; needsLogin: boolean } | null
  loadMore(): void
  reload(): void
}

export function usePages<T>(key: string, read: (cursor: string | undefined) => Promise<PageResult<T>>): Pages<T> {
  const [items, setItems] = useState<T[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<Pages<T>['error']>(null)
  const [round, setRound] = useState(0)
  const generation = useRef(0)
  const readRef = useRef(read)
  // Effects run in order: the latest `read` is in place before the one below fetches.
  useEffect(() => {
    readRef.current = read
  })

  const fetchPage = useCallback((cursor: string | undefined, append: boolean) => {
    const mine = ++generation.current
    setLoading(true)
    setError(null)
    readRef.current(cursor).then(
      (page) => {
        if (mine !== generation.current) return
        setItems((current) => (append ? [...current, ...page.items] : page.items))
        setNext(page.next)
        setLoading(false)
      },
      (err: unknown) => {
        if (mine !== generation.current) return
        const needsLogin = err instanceof RpcError && (err.detail as { needsLogin?: boolean } | undefined)?.needsLogin === true
        setError({ message: describeError(err), needsLogin })
        setLoading(false)
      }
    )
  }, [])

  useEffect(() => {
    setItems([])
    setNext(null)
    fetchPage(undefined, false)
  }, [key, round, fetchPage])

  return {
    items,
    hasMore: next !== null,
    loading,
    error,
    loadMore: () => {
      if (next !== null && !loading) fetchPage(next, true)
    },
    reload: () => setRound((value) => value + 1)
  }
}
