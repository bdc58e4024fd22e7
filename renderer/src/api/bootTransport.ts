/**
 * The one transport of the page, made as the page boots (boot.ts), before the app's code has
 * loaded: in browser mode its socket opens at once and asks the server to start reading the open
 * page's list meanwhile (shared/prefetch.ts). The app's stores take it from here (main.tsx).
 */
import { firstListMethodFor } from '../app/pages'
import { createTransport, type ObservableTransport } from './transport'

export const bootTransport: ObservableTransport = createTransport(() => firstListMethodFor(window.location.hash))
