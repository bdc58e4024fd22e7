/**
 * The page's entry, kept small on purpose: it makes the transport (whose socket then opens while
 * the rest loads), then loads the app. With the app in the entry, the socket waited for ~300 KB
 * of JavaScript to arrive and compile; now the server's first list read runs meanwhile.
 */
import './api/bootTransport'

import('./main').catch((err: unknown) => {
  const root = document.getElementById('root')
  if (root) root.textContent = 'Berth could not load its code. Reload the page to try again.'
  console.error('Berth: loading the app failed', err)
})
