/** Shared by fetch-electron.mjs and start.mjs: is Electron's binary really there? */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The check electron's own index.js makes: path.txt names an executable under dist/. */
export function electronBinaryPresent(electronDir) {
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim()
    return relative.length > 0 && existsSync(join(electronDir, 'dist', relative))
  } catch {
    return false
  }
}
