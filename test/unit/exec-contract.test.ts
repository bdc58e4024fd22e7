/** Bad input to the terminal methods is refused at the RPC boundary with readable messages. */
import { describe, expect, it } from 'vitest'
import { contract } from '../../shared/contract'
import { MAX_INPUT_CHARS } from '../../shared/exec-models'

const SESSION = '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f'

const issues = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }, value: unknown): string[] => {
  const result = schema.safeParse(value)
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? [])
}

describe('exec.session input', () => {
  it.each<[string, unknown, RegExp]>([
    ['no container', {}, /expected string/i],
    ['an empty container', { containerId: '' }, /an id or name is required/],
    ['a path as container', { containerId: '../etc' }, /letters, digits/],
    ['an unknown mode', { containerId: 'web', mode: 'ssh' }, /exec|attach/],
    ['an empty command', { containerId: 'web', shell: [] }, /at least the program/],
    ['an empty command word', { containerId: 'web', shell: ['sh', ''] }, /cannot be empty/],
    ['a shell given as a string', { containerId: 'web', shell: 'bash' }, /invalid/i],
    ['0 columns', { containerId: 'web', cols: 0 }, /At least 2 columns/],
    ['fractional rows', { containerId: 'web', rows: 2.5 }, /whole number/],
    ['huge rows', { containerId: 'web', rows: 5000 }, /At most 1000 rows/],
    ['an unknown key', { containerId: 'web', tty: false }, /unrecognized key/i]
  ])('refuses %s', (_what, input, message) => {
    expect(issues(contract['exec.session'].input, input).join('; ')).toMatch(message)
  })

  it('fills the defaults: exec mode, automatic shell, 80×24', () => {
    expect(contract['exec.session'].input.parse({ containerId: 'web' })).toEqual({ containerId: 'web', mode: 'exec', shell: 'auto', cols: 80, rows: 24 })
  })
})

describe('exec.input / exec.resize / exec.ack input', () => {
  it.each<[string, 'exec.input' | 'exec.resize' | 'exec.ack', unknown, RegExp]>([
    ['a made-up session id', 'exec.input', { sessionId: 'abc', data: 'ls\r' }, /Not a terminal session id/],
    ['empty input', 'exec.input', { sessionId: SESSION, data: '' }, /Nothing to send/],
    ['oversized input', 'exec.input', { sessionId: SESSION, data: 'x'.repeat(MAX_INPUT_CHARS + 1) }, /per write/],
    ['resize without rows', 'exec.resize', { sessionId: SESSION, cols: 80 }, /expected number/i],
    ['negative columns', 'exec.resize', { sessionId: SESSION, cols: -3, rows: 10 }, /At least 2 columns/],
    ['a zero ack', 'exec.ack', { sessionId: SESSION, bytes: 0 }, /at least 1 byte/],
    ['a fractional ack', 'exec.ack', { sessionId: SESSION, bytes: 1.5 }, /whole number/],
    ['an ack as text', 'exec.ack', { sessionId: SESSION, bytes: '100' }, /expected number/i]
  ])('refuses %s', (_what, method, input, message) => {
    expect(issues(contract[method].input, input).join('; ')).toMatch(message)
  })

  it('accepts well-formed input', () => {
    expect(issues(contract['exec.input'].input, { sessionId: SESSION, data: '\x03' })).toEqual([])
    expect(issues(contract['exec.resize'].input, { sessionId: SESSION, cols: 120, rows: 40 })).toEqual([])
    expect(issues(contract['exec.ack'].input, { sessionId: SESSION, bytes: 65536 })).toEqual([])
  })
})
