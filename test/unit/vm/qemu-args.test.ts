import { describe, expect, it } from 'vitest'
import { guestCmdline, qemuArgs } from '../../../electron/core/vm/qemu-args'
import type { VmBootSpec } from '../../../electron/core/vm/hypervisor'

const spec: VmBootSpec = {
  cpus: 2,
  memoryMiB: 2048,
  kernel: '/img/vmlinuz',
  initrd: '/img/initrd.img',
  rootImage: '/img/root.img',
  dataDisk: '/vm/data.img',
  cmdline: 'console=ttyS0',
  sshPort: 40222,
  controlSocket: '/vm/qmp.sock',
  acceleration: 'tcg',
  detached: false
}
const paths = { serialLog: '/vm/serial.log', pidFile: '/vm/qemu.pid' }

/** The value after a flag, for each time the flag appears. */
function valuesOf(args: string[], flag: string): string[] {
  return args.flatMap((arg, index) => (arg === flag ? [args[index + 1]] : []))
}

describe('qemuArgs', () => {
  it('boots the image with a read-only root, the VM’s own data disk and entropy', () => {
    const args = qemuArgs(spec, paths)
    expect(valuesOf(args, '-drive')).toEqual(['file=/img/root.img,if=virtio,format=raw,readonly=on', 'file=/vm/data.img,if=virtio,format=raw,discard=unmap'])
    expect(valuesOf(args, '-device')).toContain('virtio-rng-pci')
    expect(valuesOf(args, '-kernel')).toEqual(['/img/vmlinuz'])
    expect(valuesOf(args, '-append')).toEqual(['console=ttyS0'])
    expect(args).toContain('-nodefaults')
    expect(valuesOf(args, '-smp')).toEqual(['2'])
    expect(valuesOf(args, '-m')).toEqual(['2048M'])
  })

  it('forwards only SSH, and only on 127.0.0.1', () => {
    const netdev = valuesOf(qemuArgs(spec, paths), '-netdev')
    expect(netdev).toEqual(['user,id=net0,hostfwd=tcp:127.0.0.1:40222-:22'])
  })

  it('uses software emulation or KVM as decided, never both', () => {
    const tcg = qemuArgs(spec, paths)
    expect(valuesOf(tcg, '-accel')).toEqual(['tcg,thread=multi'])
    expect(valuesOf(tcg, '-cpu')).toEqual(['max'])
    const kvm = qemuArgs({ ...spec, acceleration: 'kvm' }, paths)
    expect(valuesOf(kvm, '-accel')).toEqual(['kvm'])
    expect(valuesOf(kvm, '-cpu')).toEqual(['host'])
  })

  it('puts the console in a file and the monitor on the control socket', () => {
    const args = qemuArgs(spec, paths)
    expect(valuesOf(args, '-chardev')).toEqual(['file,id=serial0,path=/vm/serial.log'])
    expect(valuesOf(args, '-qmp')).toEqual(['unix:/vm/qmp.sock,server=on,wait=off'])
  })
})

describe('guestCmdline', () => {
  it('adds the public key (base64url, so no spaces reach the command line) and the swap size', () => {
    const line = guestCmdline('console=ttyS0 quiet ', 'ssh-ed25519 AAAAC3Nza+/x berth-vm\n', 512)
    const key = /berth\.key=(\S+)/.exec(line)?.[1] ?? ''
    expect(Buffer.from(key, 'base64url').toString('utf8')).toBe('ssh-ed25519 AAAAC3Nza+/x berth-vm')
    expect(key).not.toMatch(/[+/= ]/)
    expect(line).toMatch(/^console=ttyS0 quiet berth\.key=\S+ berth\.swap=512$/)
  })
})
