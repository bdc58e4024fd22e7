/** The VM's engine as the registry lists it: an SSH engine on 127.0.0.1 with the VM's own key and pinned host key. */
import { VM_ENGINE_ID } from '../../../shared/vm-models'
import type { EngineCandidate } from '../engine/discovery'
import type { VmFiles } from './vm-files'

export function vmCandidate(files: VmFiles, sshPort: number): EngineCandidate {
  return {
    id: VM_ENGINE_ID,
    name: 'Berth VM',
    source: 'vm',
    endpoint: { kind: 'ssh', host: '127.0.0.1', port: sshPort, user: 'root', remoteSocket: '/var/run/docker.sock', identityFile: files.privateKey, pinned: { knownHostsFile: files.knownHosts } }
  }
}
