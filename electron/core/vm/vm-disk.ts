/** The VM's data disk: a sparse file that only grows (the guest grows its filesystem at boot). */
import { open } from 'node:fs/promises'

const GiB = 1024 * 1024 * 1024

export async function growDataDisk(path: string, diskGiB: number): Promise<void> {
  const handle = await open(path, 'a')
  try {
    const { size } = await handle.stat()
    if (size < diskGiB * GiB) await handle.truncate(diskGiB * GiB)
  } finally {
    await handle.close()
  }
}
