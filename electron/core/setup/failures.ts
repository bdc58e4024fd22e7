/**
 * A failed setup command, said in words with what to do next: the package isn't in the lists,
 * there is no network, another installer holds the lock, polkit or sudo refused, the daemon
 * stopped right after starting (with its log's last lines beside it). Pure: the command, its exit
 * status and the tail of its output in, one sentence or two out. Matching is on the English
 * messages (commands Berth runs directly get LC_ALL=C); anything else falls back to the exit status.
 */
import type { Escalation } from '../../../shared/setup-models'
import { displayCommand } from './escalate'

export interface FailedCommand {
  argv: readonly string[]
  exitCode: number | null
  signal?: string | null
  /** The last lines the command printed (stdout and stderr together). */
  output: readonly string[]
  escalation: Escalation
  /** The command could not be started at all (spawn's error code, e.g. ENOENT). */
  spawnError?: string
}

interface Rule {
  pattern: RegExp
  explain: (match: RegExpExecArray) => string
}

const PACKAGE_MISSING = (name: string): string =>
  `The package ${name} isn't in this distribution's package lists. Check that the distribution's standard repositories are enabled, then try again.`

const RULES: Rule[] = [
  {
    pattern: /Could not get lock|Unable to acquire the dpkg frontend lock|dpkg was interrupted|unable to lock database|database is locked|System management is locked|Waiting for process with pid \d+ to finish/i,
    explain: () => 'Another program is installing or updating packages right now (the package database is locked). Wait until it finishes, then try again.'
  },
  { pattern: /Unable to locate package (\S+)/, explain: (m) => PACKAGE_MISSING(m[1]) },
  { pattern: /Package '?([^'\s]+)'? has no installation candidate/, explain: (m) => PACKAGE_MISSING(m[1]) },
  { pattern: /No match for argument: (\S+)|Unable to find a match: (\S+)/, explain: (m) => PACKAGE_MISSING(m[1] ?? m[2]) },
  { pattern: /No provider of '([^']+)' found|'([^']+)' not found in package names/, explain: (m) => PACKAGE_MISSING(m[1] ?? m[2]) },
  { pattern: /target not found: (\S+)/, explain: (m) => PACKAGE_MISSING(m[1]) },
  { pattern: /(\S+) \(no such package\)/, explain: (m) => PACKAGE_MISSING(m[1]) },
  {
    pattern:
      /Temporary failure resolving|Could not resolve|Failed to fetch|Cannot download|Curl error|Failed to download metadata|Network is unreachable|Connection timed out|failed retrieving file|temporary error \(try again later\)|Could not connect to|Name or service not known|Failed to synchronize|Download \(curl\) error/i,
    explain: () => "Berth couldn't reach the distribution's package servers (no network, or a DNS or proxy problem). Check the connection, then try again."
  },
  {
    pattern: /No space left on device|You don't have enough free space|not enough free space/i,
    explain: () => 'The disk is full. Free some space (package caches, old images), then try again.'
  },
  {
    pattern: /Unit (\S+?)(?:\.service|\.socket)? (?:not found|could not be found)|Failed to enable unit: Unit file \S+ does not exist/,
    explain: (m) => `systemd doesn't know the ${m[1] ?? 'engine'} unit. Is the package installed? Install it first, then try again.`
  },
  {
    pattern: /System has not been booted with systemd|Failed to connect to bus/,
    explain: () => "systemctl can't work here because systemd isn't running this system. Berth can start the daemon itself instead: check again."
  },
  {
    pattern: /are you root|must be run as root|you cannot perform this operation unless you are root|Permission denied|Operation not permitted/i,
    explain: () => 'The command was not allowed to do this: it needs administrator rights.'
  }
]

/** pkexec or sudo said no (dismissed, no agent, wrong password, not allowed); undefined otherwise. */
export function escalationProblem(failed: FailedCommand, text: string): string | undefined {
  if (failed.escalation === 'pkexec' && failed.argv[0] === 'pkexec') {
    if (/No authentication agent|no polkit agent/i.test(text) || failed.exitCode === 127) {
      return "No password dialog could be shown: no polkit authentication agent runs in this session. Choose sudo and type your password in Berth instead."
    }
    if (failed.exitCode === 126 || /Not authorized|dismissed/i.test(text)) {
      return 'The administrator password dialog was dismissed, or polkit did not allow this. Nothing was changed by this step; run it again to retry.'
    }
  }
  if (failed.escalation === 'sudo' && failed.argv[0] === 'sudo') {
    if (/incorrect password|Sorry, try again|no password was provided|a password is required/i.test(text)) {
      return "sudo didn't accept the password. Type it again (it is your own account's password)."
    }
    if (/is not in the sudoers file|is not allowed to run sudo|may not run sudo/i.test(text)) {
      return 'Your account may not use sudo. Ask an administrator to run these commands, or to add you to the sudo group.'
    }
  }
  return undefined
}

export function explainFailure(failed: FailedCommand): string {
  const program = failed.argv[0] ?? 'the command'
  if (failed.spawnError === 'ENOENT') return `${program} is not installed (or not on PATH), so Berth couldn't run it.`
  if (failed.spawnError) return `Berth couldn't start ${program} (${failed.spawnError}).`
  const text = failed.output.join('\n')
  const refused = escalationProblem(failed, text)
  if (refused) return refused
  for (const rule of RULES) {
    const match = rule.pattern.exec(text)
    if (match) return rule.explain(match)
  }
  const how = failed.signal ? `was stopped by ${failed.signal}` : `ended with exit status ${failed.exitCode ?? 'unknown'}`
  const last = [...failed.output].reverse().find((line) => line.trim() !== '')
  return `${displayCommand(failed.argv)} ${how}.${last ? ` It said: ${last.trim().slice(0, 300)}` : ''}`
}

/** dockerd / podman logs: the reason behind "stopped right after it started". */
const DAEMON_RULES: Rule[] = [
  {
    pattern: /pid file found, ensure docker is not running|process with PID \d+ is still running/,
    explain: () => 'Another dockerd already uses this pid file: one is running already, or a crash left the file behind.'
  },
  { pattern: /address already in use/, explain: () => 'Something else already listens on that socket.' },
  { pattern: /unknown (?:shorthand )?flag: (\S+)/, explain: (m) => `The daemon doesn't know the option ${m[1]}.` },
  { pattern: /Error initializing network controller|failed to create NAT chain|iptables failed/i, explain: () => "Docker couldn't set up its networking (iptables or bridge)." },
  { pattern: /containerd: .*(?:connection refused|no such file)|failed to dial .*containerd/i, explain: () => 'Docker could not reach containerd.' },
  { pattern: /permission denied|operation not permitted|must be run as root/i, explain: () => 'The daemon lacks the rights it needs (it must run as root).' }
]

export function explainDaemonExit(exitCode: number | null, logTail: readonly string[]): string {
  const text = logTail.join('\n')
  const why = DAEMON_RULES.map((rule) => {
    const match = rule.pattern.exec(text)
    return match ? rule.explain(match) : undefined
  }).find((reason) => reason !== undefined)
  const status = exitCode === null ? '' : ` (exit status ${exitCode})`
  return `The daemon stopped right after it started${status}.${why ? ` ${why}` : ''} Its last log lines are shown with this step.`
}
