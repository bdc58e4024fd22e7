/**
 * Throwaway SSH servers and agents for the SSH tests, so they never touch the shared test sshd's
 * authorized_keys or the real ~/.ssh: each sshd gets a free loopback port, its own host key and
 * authorized_keys in a temp dir, and runs in the foreground (`sshd -D -e`) as our child. It may
 * run in a mount namespace of its own, where a test can make files appear (a rootless Docker
 * socket under /run/user/0) without changing the machine. Everything is stopped by pid.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface KeyPair {
  privatePath: string
  publicLine: string
}

/** ssh-keygen into `dir/name` (ed25519), with a passphrase when given. */
export function generateKey(dir: string, name: string, passphrase = ''): KeyPair {
  const privatePath = join(dir, name)
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', `berth-test-${name}`, '-f', privatePath])
  return { privatePath, publicLine: readFileSync(`${privatePath}.pub`, 'utf8').trim() }
}

/** OpenSSH's own fingerprint of a public key line (independent of Berth's code). */
export function fingerprintOf(publicLine: string, dir: string): string {
  const file = join(dir, `fp-${Math.random().toString(36).slice(2)}.pub`)
  writeFileSync(file, `${publicLine}\n`)
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8' }).split(/\s+/)[1]
}

export interface TestSshd {
  port: number
  dir: string
  /** "ssh-ed25519 AAAA…" of the server's host key. */
  hostKeyLine: string
  hostKeyFingerprint: string
  pid: number
  /** Kills the per-connection sshd processes (dropping every client), keeping the listener. */
  killConnections(): number
  stop(): Promise<void>
}

export interface SshdOptions {
  authorizedKeys: string[]
  /** Shell run (as root, in a private mount namespace) before sshd starts, e.g. to fake a rootless socket. */
  setup?: string
}

function childrenOf(pid: number): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) found.push(Number(entry))
    } catch {
      // The process ended while we looked.
    }
  }
  return found
}

function waitForPort(port: number, child: ChildProcess, log: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) return reject(new Error(`sshd exited (${child.exitCode}): ${log()}`))
      const socket = net.connect(port, '127.0.0.1')
      socket.once('data', () => {
        socket.destroy()
        resolve()
      })
      socket.once('error', () => {
        socket.destroy()
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${port}: ${log()}`))
        else setTimeout(attempt, 50)
      })
    }
    attempt()
  })
}

export async function startSshd(name: string, options: SshdOptions): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), `berth-sshd-${name}-`))
  const port = await freePort()
  const hostKey = generateKey(dir, 'host_key')
  writeFileSync(join(dir, 'authorized_keys'), options.authorizedKeys.join('\n') + '\n', { mode: 0o600 })
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey.privatePath}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'AllowStreamLocalForwarding yes',
    'AllowTcpForwarding yes',
    'ClientAliveInterval 0'
  ].join('\n')
  writeFileSync(join(dir, 'sshd_config'), config + '\n')
  const sshd = `exec /usr/sbin/sshd -f ${join(dir, 'sshd_config')} -D -e`
  const child = options.setup
    ? spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', `set -e; ${options.setup}; ${sshd}`], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn('/usr/sbin/sshd', ['-f', join(dir, 'sshd_config'), '-D', '-e'], { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    if (log.length < 64 * 1024) log += chunk.toString()
  })
  await waitForPort(port, child, () => log)
  const pid = child.pid as number
  return {
    port,
    dir,
    hostKeyLine: hostKey.publicLine.split(/\s+/).slice(0, 2).join(' '),
    hostKeyFingerprint: fingerprintOf(hostKey.publicLine, dir),
    pid,
    killConnections() {
      const children = childrenOf(pid)
      for (const childPid of children) {
        try {
          process.kill(childPid, 'SIGKILL')
        } catch {
          // Already gone.
        }
      }
      return children.length
    },
    /** Stops the listener and ends every session it serves (sshd leaves them running otherwise). */
    async stop() {
      if (child.exitCode === null) {
        const sessions = childrenOf(pid)
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
        for (const session of sessions) {
          try {
            process.kill(session, 'SIGKILL')
          } catch {
            // Already gone.
          }
        }
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export interface TestAgent {
  socket: string
  pid: number
  /** Loads a key; an encrypted one is unlocked through SSH_ASKPASS (never typed anywhere else). */
  add(privatePath: string, passphrase?: string): void
  stop(): void
}

export function startAgent(): TestAgent {
  const dir = mkdtempSync(join(tmpdir(), 'berth-agent-'))
  const socket = join(dir, 'agent.sock')
  const out = execFileSync('ssh-agent', ['-s', '-a', socket], { encoding: 'utf8' })
  const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1])
  return {
    socket,
    pid,
    add(privatePath, passphrase) {
      const askpass = join(dir, 'askpass.sh')
      writeFileSync(askpass, `#!/bin/sh\nprintf '%s\\n' "$BERTH_TEST_PASSPHRASE"\n`, { mode: 0o700 })
      // setsid: no controlling terminal, so ssh-add asks through SSH_ASKPASS.
      execFileSync('setsid', ['-w', 'ssh-add', privatePath], {
        env: { ...process.env, SSH_AUTH_SOCK: socket, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0', BERTH_TEST_PASSPHRASE: passphrase ?? '' },
        stdio: ['ignore', 'ignore', 'pipe']
      })
    },
    stop() {
      try {
        process.kill(pid, 'SIGTERM')
      } catch {
        // Already gone.
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
