/**
 * The one thing Berth suggests when it has no engine, worded for a button: start what is
 * installed but stopped, fix access to a running Docker, switch to an engine that already runs,
 * or install one from the distribution's packages. Pure: detection in, offer out.
 */
import type { SetupDetection, SocketProbe } from '../../../shared/setup-models'
import { packagesFor } from './packages'

type Offer = SetupDetection['offer']
type WithoutOffer = Omit<SetupDetection, 'offer'>

/** Where Podman answers for this person: the system socket for root, the per-user one otherwise. */
export function podmanSocketFor(d: WithoutOffer): SocketProbe {
  if (d.user.isRoot) return d.podman.systemSocket
  return d.podman.userSocket ?? { path: `/run/user/${d.user.uid}/podman/podman.sock`, state: 'stopped' }
}

function nothing(summary: string): Offer {
  return { action: 'none', target: 'docker', label: '', summary }
}

function dockerOffer(d: WithoutOffer): Offer | undefined {
  const { docker } = d
  if (!docker.installed) return undefined
  const version = docker.version ? `Docker ${docker.version}` : 'Docker'
  const socket = docker.systemSocket.path
  switch (docker.systemSocket.state) {
    case 'stopped':
      return { action: 'start', target: 'docker', label: 'Start Docker', summary: `${version} is installed but not running (nothing answers at ${socket}).` }
    case 'no-permission':
      return {
        action: 'access',
        target: 'docker',
        label: 'Fix Docker access…',
        summary: `${version} is running, but your account may not open ${socket} yet (the docker group).`
      }
    case 'running':
      return { action: 'use', target: 'docker', label: 'Use Docker', summary: `${version} is running at ${socket}.` }
  }
}

function podmanOffer(d: WithoutOffer): Offer | undefined {
  if (!d.podman.installed) return undefined
  const socket = podmanSocketFor(d)
  const version = d.podman.version ? `Podman ${d.podman.version}` : 'Podman'
  if (socket.state === 'running') return { action: 'use', target: 'podman', label: 'Use Podman', summary: `${version} answers at ${socket.path}.` }
  return { action: 'start', target: 'podman', label: 'Start Podman', summary: `${version} is installed; its API socket (${socket.path}) is not running.` }
}

function installOffer(d: WithoutOffer): Offer | undefined {
  if (!d.packageManager) return undefined
  const manager = d.packageManager.name
  const docker = packagesFor('docker', manager, d.os, d.init.system === 'openrc')
  if ('packages' in docker) {
    return {
      action: 'install',
      target: 'docker',
      label: 'Set up Docker…',
      summary: `No engine is installed. Berth can install Docker (${docker.packages.join(', ')}) with ${manager} and start it.`
    }
  }
  return { action: 'install', target: 'podman', label: 'Set up Podman…', summary: docker.unavailable }
}

export function chooseOffer(d: WithoutOffer): Offer {
  if (!d.supported) return nothing(d.unsupportedReason ?? 'Berth sets up engines on Linux only.')
  const active = d.activeEngine
  if (active?.state === 'connected') return nothing(`Berth is connected to ${active.name}.`)
  if (d.configured) {
    const { name, socket } = d.configured
    if (socket.state === 'stopped') {
      return { action: 'start', target: 'configured', label: `Start ${name}`, summary: `${name} is not running (nothing answers at ${socket.path}). Berth knows how to start it.` }
    }
    if (socket.path === active?.socket) {
      return nothing(`${name} answers at ${socket.path}; Berth is connecting to it.`)
    }
  }
  const offer = dockerOffer(d) ?? podmanOffer(d) ?? installOffer(d)
  if (offer) return offer
  return nothing(
    'No engine is installed, and Berth found no package manager it knows (apt, dnf, zypper, pacman, apk). Install Docker or Podman the way your distribution does, then Berth finds it.'
  )
}
