/** The Files tab's note on what a listing cost: nothing for exec, the cap in words when reading stopped. */
import { describe, expect, it } from 'vitest'
import type { DirListing } from '../../shared/files-models'
import { listingCostNote } from '../../renderer/src/features/files/listingNote'

const listing = (extra: Partial<DirListing>): DirListing => ({ path: '/', entries: [], truncated: false, scannedBytes: 0, ...extra })

describe('listingCostNote', () => {
  it('says nothing for a level read by exec, however much output it took', () => {
    expect(listingCostNote(listing({ readBy: 'exec', scannedBytes: 80_000_000 }))).toBeNull()
  })

  it('names the bytes read when the archive route read a lot', () => {
    expect(listingCostNote(listing({ readBy: 'archive', scannedBytes: 60_000_000 }))).toMatch(/^Reading this folder meant reading .*: the engine sends everything below it\. $/)
  })

  it('says items may be missing, and what to do, when reading stopped at the cap', () => {
    const note = listingCostNote(listing({ readBy: 'archive', scannedBytes: 67_200_000, partial: true }))
    expect(note).toContain('some items may be missing')
    expect(note).toContain('Start the container to list it in full.')
  })
})
