/**
 * Serves the built renderer from one directory. Only GET/HEAD; `/` means index.html and nothing
 * else falls back to it (a missing asset is a 404, not a page). Paths are decoded once, resolved
 * inside the root and re-checked after symlinks are resolved, so nothing outside the root is reachable.
 */
import { createReadStream, promises as fs } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

export type StaticResult = { kind: 'file'; path: string; size: number } | { kind: 'missing' } | { kind: 'bad' }

/** Maps a URL pathname to a file inside `rootDir`, or says why not. Never follows a path out of the root. */
export async function resolveStaticPath(rootDir: string, pathname: string): Promise<StaticResult> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return { kind: 'bad' }
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return { kind: 'bad' }
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1)
  // Dotfiles and `..` segments are never part of a build's output.
  if (relative.split('/').some((segment) => segment.startsWith('.'))) return { kind: 'missing' }

  const root = resolve(rootDir)
  const candidate = resolve(root, relative)
  if (!candidate.startsWith(root + sep)) return { kind: 'bad' }
  try {
    const [real, realRoot] = await Promise.all([fs.realpath(candidate), fs.realpath(root)])
    if (!real.startsWith(realRoot + sep)) return { kind: 'bad' }
    const stat = await fs.stat(real)
    if (!stat.isFile()) return { kind: 'missing' }
    return { kind: 'file', path: real, size: stat.size }
  } catch {
    return { kind: 'missing' }
  }
}

export function sendFile(res: ServerResponse, file: { path: string; size: number }, headOnly: boolean): void {
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file.path),
    'Content-Length': String(file.size),
    // index.html names hashed assets; always revalidate it so a rebuild is picked up.
    'Cache-Control': file.path.endsWith('.html') ? 'no-store' : 'no-cache'
  })
  if (headOnly) {
    res.end()
    return
  }
  const stream = createReadStream(file.path)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}
