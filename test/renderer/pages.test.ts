import { describe, expect, it } from 'vitest'
import { firstListMethodFor, pageFromHash } from '../../renderer/src/app/pages'

describe('pages from the address', () => {
  it('reads the page from the hash, and nothing from an unknown one', () => {
    expect(pageFromHash('#/images')).toBe('images')
    expect(pageFromHash('#engines')).toBe('engines')
    expect(pageFromHash('#/nope')).toBeNull()
    expect(pageFromHash('')).toBeNull()
  })

  it('names the list the page reads first, for the socket to prefetch (containers elsewhere)', () => {
    expect(firstListMethodFor('#/volumes')).toBe('volumes.list')
    expect(firstListMethodFor('#/networks')).toBe('networks.list')
    expect(firstListMethodFor('#/images')).toBe('images.list')
    expect(firstListMethodFor('#/engines')).toBe('containers.list')
    expect(firstListMethodFor('')).toBe('containers.list')
  })
})
