/**
 * Administrator rights for a command, as argv (never a shell string):
 * - root: the command as it is;
 * - pkexec: `pkexec CMD…` — polkit's agent shows the password dialog, on the person's desktop,
 *   outside Berth; Berth never sees the password;
 * - sudo: `sudo -S -k -p '' -- CMD…` — the password comes on stdin from a field in Berth's
 *   dialog. -k makes sudo ask every time, so the line we send is always consumed by sudo itself
 *   and can never spill into the command's stdin; -p '' keeps the prompt out of the output.
 * Why sudo -S and not sudo in a terminal: the host has no PTY code (the embedded terminal runs
 * in containers through the engine), a PTY would need a native module, and the field keeps the
 * password out of every log and transcript: it lives in memory for the run and goes to sudo only.
 */
import type { Escalation } from '../../../shared/setup-models'

export const SUDO_PREFIX = ['sudo', '-S', '-k', '-p', '', '--'] as const

export function escalate(argv: readonly string[], privileged: boolean, escalation: Escalation): string[] {
  if (!privileged || escalation === 'none') return [...argv]
  if (escalation === 'pkexec') return ['pkexec', ...argv]
  return [...SUDO_PREFIX, ...argv]
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/

/** A shell-quoted rendering, for people to read and copy; it is never executed. */
export function displayCommand(argv: readonly string[]): string {
  return argv.map((arg) => (arg === '' ? "''" : SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ')
}
