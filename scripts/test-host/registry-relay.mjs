#!/usr/bin/env node
/**
 * The test registry, reachable from inside the test Podman's network namespace.
 *
 * podman.sh runs the Podman service in a network namespace of its own, so the registry on the
 * host's 127.0.0.1:5000 is out of its reach ("connection refused" on every pull and push), although
 * its registries.conf names that address. A network namespace can't be crossed by TCP without
 * new interfaces and routes on the host (which the test host must never add), but a unix socket is
 * a file, and files are shared. So the relay has two halves joined by one:
 *
 *   outer (host's namespace)   unix socket RELAY_SOCK  →  TCP REGISTRY (127.0.0.1:5000)
 *   inner (Podman's, by nsenter) TCP LISTEN (127.0.0.1:5000)  →  unix socket RELAY_SOCK
 *
 * `node registry-relay.mjs RELAY_SOCK REGISTRY_HOST:PORT PODMAN_PID` starts the outer half, which
 * starts the inner one as its child and exits when it does; SIGTERM stops both. Bytes pass as they
 * are (plain HTTP): the registry sees Podman's requests, logins included, exactly as Podman sent them.
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import net from 'node:net'
import { fileURLToPath } from 'node:url'

/**
 * Joins two sockets both ways. An end is passed on by pipe() once what it carried was written
 * (destroying the other side at 'close' instead cut off a blob still buffered on its way: the
 * registry closes its side as soon as it has sent it). A failure closes the other side at once.
 */
function join(a, b) {
  a.pipe(b)
  b.pipe(a)
  a.on('error', () => b.destroy())
  b.on('error', () => a.destroy())
}

/** host:port → { host, port }, the way a registry address is written. */
function address(text) {
  const at = text.lastIndexOf(':')
  const port = Number(text.slice(at + 1))
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not host:port: ${text}`)
  return { host: text.slice(0, at), port }
}

function serve(server, listenArgs, what) {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new Error(`${what}: ${err.message}`)))
    server.listen(...listenArgs, () => resolve())
  })
}

async function outer(relaySock, registryText, podmanPid) {
  const registry = address(registryText)
  if (!/^\d+$/.test(podmanPid)) throw new Error(`not a pid: ${podmanPid}`)
  rmSync(relaySock, { force: true })
  const server = net.createServer((client) => join(client, net.connect(registry.port, registry.host)))
  await serve(server, [relaySock], `listening on ${relaySock}`)
  // nsenter --net only: the inner half shares our filesystem (and so the relay socket).
  const inner = spawn('nsenter', ['--target', podmanPid, '--net', '--', process.execPath, fileURLToPath(import.meta.url), '--inner', relaySock, registryText], {
    stdio: ['ignore', 'inherit', 'inherit']
  })
  const stop = (code) => {
    server.close()
    rmSync(relaySock, { force: true })
    process.exit(code)
  }
  inner.on('exit', (code, signal) => {
    console.error(`registry relay: the half inside Podman's namespace ended (${code ?? signal})`)
    stop(1)
  })
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
      inner.removeAllListeners('exit')
      inner.kill('SIGTERM')
      stop(0)
    })
  }
  console.log(`registry relay: ${relaySock} → ${registryText}; inner half pid ${inner.pid} in the namespace of pid ${podmanPid}`)
}

async function innerHalf(relaySock, listenText) {
  const listen = address(listenText)
  const server = net.createServer((client) => join(client, net.connect(relaySock)))
  await serve(server, [listen.port, listen.host], `listening on ${listenText} in Podman's namespace`)
  console.log(`registry relay: ${listenText} in Podman's namespace → ${relaySock}`)
  process.on('SIGTERM', () => process.exit(0))
  // Outlive the outer half never: a relay left listening here would hold the address for nothing.
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0)
  }, 1000).unref()
}

const args = process.argv.slice(2)
const run = args[0] === '--inner' ? innerHalf(args[1], args[2]) : outer(args[0], args[1], args[2])
run.catch((err) => {
  console.error(`registry relay: ${err.message}`)
  process.exit(1)
})
