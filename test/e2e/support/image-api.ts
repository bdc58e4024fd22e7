/**
 * Image operations straight on the engine's API (no Berth in between), for specs that change
 * images behind the UI's back and for benchmarks' raw baselines: commit, tag, untag, delete,
 * import, save/load, push/pull against the test registry, and a classic build from an in-memory
 * context. Bodies that the engine streams back (pull/push/build/load progress) are read to the end
 * and checked for an error line, as the docker CLI does.
 */
import http from 'node:http'
import { pack } from 'tar-stream'
import { EngineApiError, type EngineApi } from './engine-api'

export interface RegistryLogin {
  host: string
  user: string
  password: string
}

/** The X-Registry-Auth header the engine wants for push and pull: URL-safe base64 *with* padding (Go's URLEncoding). */
export function registryAuthHeader(login: RegistryLogin): string {
  const json = JSON.stringify({ username: login.user, password: login.password, serveraddress: login.host })
  return Buffer.from(json).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')
}

/** A tar archive (in memory: contexts here are a few bytes) of name → contents. */
export async function tarOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const archive = pack()
  for (const [name, contents] of Object.entries(files)) archive.entry({ name, mode: 0o644 }, contents)
  archive.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of archive) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Sends `body` and reads the whole answer; a JSON-lines progress body with an error line throws. */
export function send(engine: EngineApi, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: engine.socketPath, method, path, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        if ((res.statusCode ?? 0) >= 300) return reject(new EngineApiError(method, path, res.statusCode ?? 0, text.trim()))
        const failed = text.split('\n').find((line) => line.startsWith('{"error') || line.includes('"errorDetail"'))
        if (failed) return reject(new EngineApiError(method, path, res.statusCode ?? 0, failed))
        resolve(text)
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

const q = encodeURIComponent

export async function commit(engine: EngineApi, containerId: string, labels: Record<string, string>, repo?: string, tag?: string): Promise<string> {
  const target = repo ? `&repo=${q(repo)}&tag=${q(tag ?? 'latest')}` : ''
  const answer = (await engine.ok('POST', `/commit?container=${q(containerId)}${target}`, { Labels: labels })) as { Id: string }
  return answer.Id
}

export async function tag(engine: EngineApi, image: string, repo: string, tagName: string): Promise<void> {
  await engine.ok('POST', `/images/${q(image)}/tag?repo=${q(repo)}&tag=${q(tagName)}`)
}

/** Deleting by name removes that tag only while other tags remain: an untag. */
export async function removeImage(engine: EngineApi, reference: string, force = false): Promise<void> {
  await engine.ok('DELETE', `/images/${q(reference)}${force ? '?force=1' : ''}`)
}

/** Imports a one-file root filesystem as `repo:tag`, labelled. */
export async function importImage(engine: EngineApi, repo: string, tagName: string, labels: Record<string, string>): Promise<void> {
  const rootfs = await tarOf({ 'hello.txt': `imported ${repo}:${tagName}\n` })
  const changes = Object.entries(labels).map(([key, value]) => `&changes=${q(`LABEL ${key}=${value}`)}`).join('')
  await send(engine, 'POST', `/images/create?fromSrc=-&repo=${q(repo)}&tag=${q(tagName)}${changes}`, rootfs, { 'content-type': 'application/x-tar' })
}

/** `docker save` into memory (test images are a few MB). */
export function save(engine: EngineApi, reference: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath: engine.socketPath, path: `/images/${q(reference)}/get` }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new EngineApiError('GET', 'get', res.statusCode ?? 0, 'save failed'))))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

export async function load(engine: EngineApi, archive: Buffer): Promise<void> {
  await send(engine, 'POST', '/images/load?quiet=1', archive, { 'content-type': 'application/x-tar' })
}

export async function push(engine: EngineApi, reference: string, login: RegistryLogin): Promise<void> {
  await send(engine, 'POST', `/images/${q(reference)}/push`, undefined, { 'x-registry-auth': registryAuthHeader(login) })
}

export async function pull(engine: EngineApi, reference: string, login: RegistryLogin): Promise<void> {
  const colon = reference.lastIndexOf(':')
  const [image, tagName] = colon > reference.lastIndexOf('/') ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, 'latest']
  await send(engine, 'POST', `/images/create?fromImage=${q(image)}&tag=${q(tagName)}`, undefined, { 'x-registry-auth': registryAuthHeader(login) })
}

/**
 * A classic-builder build of `dockerfile` (plus extra context files), labelled, tagged when a
 * reference is given; resolves to the new image's short id (from "Successfully built ID").
 */
export async function build(
  engine: EngineApi,
  reference: string | undefined,
  dockerfile: string,
  labels: Record<string, string>,
  files: Record<string, string> = {}
): Promise<string> {
  const context = await tarOf({ Dockerfile: dockerfile, ...files })
  const tagParam = reference ? `&t=${q(reference)}` : ''
  const output = await send(engine, 'POST', `/build?rm=1${tagParam}&labels=${q(JSON.stringify(labels))}`, context, { 'content-type': 'application/x-tar' })
  const built = /Successfully built ([0-9a-f]{12})/.exec(output)
  if (!built) throw new Error(`the build did not say which image it made: ${output.slice(-300)}`)
  return built[1]
}
