/**
 * How every Chromium of ours is launched: Debian's /usr/bin/chromium (never `playwright install`),
 * headless, with background work that would add noise to timings (or need the network) turned off.
 * Shared by playwright.config.ts and the benches so both measure the same browser.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
]
