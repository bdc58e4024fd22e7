/**
 * Real faulty "registries" for the failure tests: a plain-HTTP server and an HTTPS server with a
 * self-signed certificate on a non-loopback address of this host (the engine trusts loopback
 * registries over plain HTTP, so the TLS checks only happen elsewhere), a port where nothing
 * listens, and a way for a private engine (in its own network namespace) to reach the test
 * registry at its usual 127.0.0.1:5000: a forwarder inside the namespace, joined to one outside
 * through a unix socket (unix sockets cross network namespaces).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'

export interface FaultHost {
  /** host:port as a registry reference names it. */
  address: string
  close(): Promise<void>
}

/** A non-loopback IPv4 address of this host (the engine runs in the host's network namespace). */
export function outsideAddress(): string {
  for (const entries of Object.values(networkInterfaces())) {
    const found = entries?.find((entry) => entry.family === 'IPv4' && !entry.internal)
    if (found) return found.address
  }
  throw new Error('this host has no non-loopback IPv4 address')
}

function listen(server: Server, host: string): Promise<FaultHost> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo
      resolve({ address: `${host}:${port}`, close: () => new Promise((done) => server.close(() => done())) })
    })
  })
}

export function plainHttpRegistry(): Promise<FaultHost> {
  return listen(
    createHttpServer((_req, res) => res.end('{}')),
    outsideAddress()
  )
}

/** HTTPS with a certificate no one signed (it names the address, so only the trust fails). */
export async function selfSignedRegistry(): Promise<FaultHost | null> {
  const host = outsideAddress()
  const dir = mkdtempSync(join(tmpdir(), 'berth-dist-tls-'))
  try {
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=berth-test', '-addext', `subjectAltName=IP:${host}`], { encoding: 'utf8' })
    if (made.status !== 0) return null
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'))
    return await listen(server, host)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A loopback port nobody listens on (taken, then given back). */
export async function closedPort(): Promise<string> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `127.0.0.1:${port}`
}

const INSIDE_FORWARDER = `
const net = require('node:net')
const [port, socketPath] = process.argv.slice(1)
net.createServer((client) => {
  const upstream = net.connect(socketPath)
  client.pipe(upstream).pipe(client)
  const drop = () => { client.destroy(); upstream.destroy() }
  client.on('error', drop); upstream.on('error', drop)
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\\n'))
`

/**
 * Makes 127.0.0.1:`port` inside the network namespace of process `pid` lead to 127.0.0.1:`port`
 * outside. Returns the function that takes it down again.
 */
export async function bridgeLoopbackPort(pid: number, port: number): Promise<() => Promise<void>> {
  const netns = `--net=/proc/${pid}/ns/net`
  const up = spawnSync('nsenter', [netns, 'ip', 'link', 'set', 'lo', 'up'], { encoding: 'utf8' })
  if (up.status !== 0) throw new Error(`could not bring up lo in the engine's namespace: ${up.stderr}`)
  const dir = mkdtempSync(join(tmpdir(), 'berth-dist-bridge-'))
  const socketPath = join(dir, 'registry.sock')
  const outside = createNetServer((inner) => {
    const registry = connect(port, '127.0.0.1')
    inner.pipe(registry).pipe(inner)
    const drop = (): void => {
      inner.destroy()
      registry.destroy()
    }
    inner.on('error', drop)
    registry.on('error', drop)
  })
  await new Promise<void>((resolve) => outside.listen(socketPath, resolve))
  const inside: ChildProcess = spawn('nsenter', [netns, process.execPath, '-e', INSIDE_FORWARDER, String(port), socketPath], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    inside.once('exit', (code) => reject(new Error(`the forwarder inside the namespace exited (${code})`)))
    inside.stdout?.once('data', () => resolve())
  })
  return async () => {
    inside.kill('SIGKILL')
    await new Promise<void>((resolve) => outside.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
  }
}
