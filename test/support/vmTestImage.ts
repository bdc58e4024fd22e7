/**
 * The busybox test image, imported into a Berth VM's engine with `docker import` over the VM's own
 * SSH (OpenSSH, with the VM's key and the host key Berth pinned; nothing from ~/.ssh). No
 * container registry is reachable here, and the VM cannot see the test host's engine.
 */
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildRootfs, TEST_IMAGE } from './testImage'
import { TEST_LABELS } from './testHost'

/** OpenSSH's arguments to reach the VM whose files are in `vmDir` (Berth's config dir + /vm). */
export function vmSshArgs(vmDir: string): string[] {
  const port = (JSON.parse(readFileSync(join(vmDir, 'vm.json'), 'utf8')) as { sshPort: number }).sshPort
  return [
    '-i', join(vmDir, 'id_ed25519'), '-p', String(port), '-F', '/dev/null', '-o', 'IdentitiesOnly=yes',
    '-o', `UserKnownHostsFile=${join(vmDir, 'known_hosts')}`, '-o', 'StrictHostKeyChecking=yes', 'root@127.0.0.1'
  ]
}

export async function importTestImageIntoVm(vmDir: string): Promise<string> {
  const rootfs = buildRootfs()
  try {
    const label = Object.entries(TEST_LABELS).map(([key, value]) => `${key}=${value}`)[0]
    const ssh = spawn('ssh', [...vmSshArgs(vmDir), `docker import --change 'CMD ["/bin/sh"]' --change 'LABEL ${label}' - ${TEST_IMAGE}`], {
      stdio: ['pipe', 'ignore', 'pipe']
    })
    const tar = spawn('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] })
    // ssh failing early (the VM is not up) must fail the import, not crash the run with EPIPE.
    ssh.stdin.on('error', () => {})
    tar.stdout.pipe(ssh.stdin)
    let said = ''
    ssh.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => ssh.once('close', resolve))
    if (code !== 0) throw new Error(`docker import over ssh exited ${code}: ${said.trim()}`)
    return TEST_IMAGE
  } finally {
    rmSync(rootfs, { recursive: true, force: true })
  }
}
