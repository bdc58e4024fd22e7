import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lastLines, readGuestMarker, SerialTail } from '../../../electron/core/vm/serial'
import { describeExit } from '../../../electron/core/vm/vm-boot'

describe('readGuestMarker', () => {
  it.each([
    ['BERTH-PHASE init', { kind: 'phase', phase: 'init' }],
    ['BERTH-PHASE sshd\r', { kind: 'phase', phase: 'sshd' }],
    ['BERTH-PHASE engine', { kind: 'phase', phase: 'engine' }],
    ['BERTH-PHASE failed dockerd exited', { kind: 'failed', reason: 'dockerd exited' }],
    ['BERTH-PHASE failed', { kind: 'failed', reason: 'the guest did not say why' }],
    ['BERTH-HOSTKEY ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE+J/kAX', { kind: 'host-key', keyType: 'ssh-ed25519', key: 'AAAAC3NzaC1lZDI1NTE5AAAAIE+J/kAX' }]
  ])('reads %j', (line, marker) => {
    expect(readGuestMarker(line)).toEqual(marker)
  })

  it.each(['[    0.000000] Linux version 6.1.0', 'BERTH-PHASE engine now', 'BERTH-HOSTKEY ssh-dss AAAA', 'BERTH-HOSTKEY ssh-ed25519 AAAA comment', ' echo BERTH-PHASE engine'])(
    'ignores %j (only the exact announcements count)',
    (line) => {
      expect(readGuestMarker(line)).toBeUndefined()
    }
  )
})

describe('the serial console file', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('follows whole lines as the file grows, holding a line until it ends', async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-serial-'))
    const file = join(dir, 'serial.log')
    const tail = new SerialTail(file)
    const seen: string[] = []
    tail.onLine((line) => seen.push(line))
    tail.start()
    await new Promise((r) => setTimeout(r, 100)) // the file does not exist yet: no harm
    writeFileSync(file, 'first\r\nsec')
    await expect.poll(() => seen).toEqual(['first'])
    appendFileSync(file, 'ond\nthird\n')
    await expect.poll(() => seen).toEqual(['first', 'second', 'third'])
    await tail.stop()
  })

  it('gives the last lines and where a follower picks up (a line being written is left to it)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-serial-'))
    const file = join(dir, 'serial.log')
    writeFileSync(file, 'a\nb\nc\npart')
    const { lines, followFrom } = await lastLines(file, 2)
    expect(lines).toEqual(['b', 'c'])
    expect(followFrom).toBe('a\nb\nc\n'.length)
    expect(await lastLines(join(dir, 'missing.log'), 5)).toEqual({ lines: [], followFrom: 0 })
  })
})

describe('describeExit', () => {
  it('says how QEMU ended, with its last words', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('QEMU was ended by SIGKILL')
    expect(describeExit({ code: 1, signal: null, detail: 'warning\nqemu: could not open disk\n' })).toBe('QEMU exited with code 1: qemu: could not open disk')
    expect(describeExit({ code: 0, signal: null })).toBe('QEMU exited')
  })
})
