/** Where the built pieces live relative to out/main/index.js. */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export const PRELOAD_PATH = join(__dirname, '../preload/index.js')
export const RENDERER_INDEX_PATH = join(__dirname, '../renderer/index.html')
/** The only URL whose top frame may talk to the peer. */
export const RENDERER_INDEX_URL = pathToFileURL(RENDERER_INDEX_PATH).href
