/**
 * QEMU's command line for the Berth VM, composed in one pure function (table-tested), so what
 * runs is exactly what the tests read. Choices that matter:
 *  - `-nodefaults -no-user-config`: no stray devices or host config file change the guest;
 *  - the root image read-only (the guest lays a tmpfs over it), so one image serves every VM and
 *    an upgrade is a new file; the data disk is the VM's own;
 *  - virtio-rng always: without entropy the guest's sshd stalls for most of a minute under TCG;
 *  - user networking with only the SSH forward on 127.0.0.1; container ports are added live
 *    through QMP, also on 127.0.0.1 (never on every interface);
 *  - the serial console goes to a file, which survives Berth's restart ("keep running").
 */
import type { VmBootSpec } from './hypervisor'

export interface QemuPaths {
  serialLog: string
  pidFile: string
}

export function qemuArgs(spec: VmBootSpec, paths: QemuPaths): string[] {
  const accel = spec.acceleration === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg,thread=multi', '-cpu', 'max']
  return [
    '-name', 'berth-vm,process=berth-vm',
    '-machine', 'q35',
    ...accel,
    '-smp', String(spec.cpus),
    '-m', `${spec.memoryMiB}M`,
    '-nodefaults',
    '-no-user-config',
    '-display', 'none',
    '-kernel', spec.kernel,
    '-initrd', spec.initrd,
    '-append', spec.cmdline,
    '-drive', `file=${spec.rootImage},if=virtio,format=raw,readonly=on`,
    '-drive', `file=${spec.dataDisk},if=virtio,format=raw,discard=unmap`,
    '-netdev', `user,id=net0,hostfwd=tcp:127.0.0.1:${spec.sshPort}-:22`,
    '-device', 'virtio-net-pci,netdev=net0',
    '-device', 'virtio-rng-pci',
    '-chardev', `file,id=serial0,path=${paths.serialLog}`,
    '-serial', 'chardev:serial0',
    '-qmp', `unix:${spec.controlSocket},server=on,wait=off`,
    '-pidfile', paths.pidFile
  ]
}

/** The kernel command line: the image's own, then this VM's public key and swap size. */
export function guestCmdline(imageCmdline: string, publicKey: string, swapMiB: number): string {
  const key = Buffer.from(publicKey.trim(), 'utf8').toString('base64url')
  return `${imageCmdline.trim()} berth.key=${key} berth.swap=${swapMiB}`
}
