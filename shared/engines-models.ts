/**
 * Engines page and SSH remotes: what an engine is (facts read from /info and /version), what it
 * needs from the person (a host key decision, a passphrase), and the "add remote engine" form.
 *
 * The remote form is checked here, field by field, with the same rules in the renderer (before
 * anything connects) and at the RPC boundary (zod), so both say the same words.
 */
import { z } from 'zod'
import { ENGINE_PRODUCTS, type EngineIdentityShape } from './engine-identity'

/** What an engine's /version says it is (the zod-free shape and its label live in engine-identity.ts). */
export const EngineIdentity = z.object({
  product: z.enum(ENGINE_PRODUCTS),
  productName: z.string(),
  version: z.string(),
  apiVersion: z.string(),
  nativeApiVersion: z.string().optional(),
  platform: z.string()
})
export type EngineIdentity = z.infer<typeof EngineIdentity>
// The schema and the zod-free shape must stay the same type (a mismatch fails to compile).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const identityShapeMatches: Same<EngineIdentity, EngineIdentityShape> = true
void identityShapeMatches

/** One thing an engine can or can't do; when it can't, why, in words, with what to do instead. */
export const Capability = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true) }),
  z.object({ available: z.literal(false), reason: z.string() })
])
export type Capability = z.infer<typeof Capability>

/**
 * What the engine can and can't do, decided in one place (electron/core/engine/capabilities.ts)
 * at each connect; controls that need a missing capability are disabled with its reason.
 */
export const EngineCapabilities = z.object({
  /** Changing a running container's CPU, memory and process limits (containers.update). */
  liveLimits: Capability,
  /** Changing a container's restart policy after it was created (containers.update). */
  restartPolicyUpdate: Capability
})
export type EngineCapabilities = z.infer<typeof EngineCapabilities>
export type CapabilityName = keyof EngineCapabilities

/** What an engine says about itself; read on connect and cached per engine. */
export const EngineFacts = z.object({
  version: z.string(),
  apiVersion: z.string(),
  /** OSType: linux, windows. */
  os: z.string(),
  /** "Debian GNU/Linux 12 (bookworm)", "Docker Desktop", … */
  operatingSystem: z.string(),
  kernelVersion: z.string(),
  arch: z.string(),
  cpus: z.number().int(),
  memoryBytes: z.number(),
  storageDriver: z.string(),
  cgroupDriver: z.string(),
  /** "1", "2", or "" when the engine does not say. */
  cgroupVersion: z.string(),
  rootless: z.boolean(),
  /** The engine host's name (Info.Name). */
  name: z.string(),
  /** When these facts were read (ms since the epoch). */
  readAt: z.number()
})
export type EngineFacts = z.infer<typeof EngineFacts>

/** A host key nobody has said yes to yet: shown to the person, who decides. */
export const HostKeyPrompt = z.object({
  /** The name the key is filed under in known_hosts (HostKeyAlias or the host name). */
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  /** OpenSSH's format: SHA256:base64. */
  fingerprint: z.string(),
  /** Where accepting writes the key. */
  knownHostsFile: z.string(),
  /** Set when this host is a ProxyJump hop on the way to another one. */
  jumpFor: z.string().optional(),
  /** Set when known_hosts trusts a certificate authority for this host (Berth checks plain keys only). */
  note: z.string().optional()
})
export type HostKeyPrompt = z.infer<typeof HostKeyPrompt>

/** A host key that must not be accepted: it changed, or known_hosts revokes it. */
export const HostKeyRefusal = z.object({
  reason: z.enum(['changed', 'revoked']),
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
  /** The known_hosts file and line that disagree (or revoke). */
  file: z.string(),
  line: z.number().int()
})
export type HostKeyRefusal = z.infer<typeof HostKeyRefusal>

/** What an engine needs from the person before it can connect; the Engines page offers it. */
export const EngineAttention = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host-key'), hostKey: HostKeyPrompt }),
  z.object({ kind: z.literal('host-key-refused'), refusal: HostKeyRefusal }),
  z.object({ kind: z.literal('passphrase'), keyFile: z.string(), wrong: z.boolean() })
])
export type EngineAttention = z.infer<typeof EngineAttention>

export const DEFAULT_REMOTE_SOCKET_PATH = '/var/run/docker.sock'

/** The "Add remote engine" form as typed; every field is text so it can be checked as typed. */
export interface RemoteForm {
  name: string
  host: string
  port: string
  user: string
  auth: 'agent' | 'key'
  keyFile: string
  remoteSocket: string
}

export type RemoteFormField = keyof RemoteForm
export type RemoteFormProblems = Partial<Record<RemoteFormField, string>>

const HOST_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/
const IPV6 = /^\[?[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?\]?$/
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/

export function hostProblem(host: string): string | undefined {
  const text = host.trim()
  if (!text) return 'Enter the host name, its address, or an alias from ~/.ssh/config.'
  if (text.length > 253) return 'The host is at most 253 characters.'
  if (text.includes('@')) return 'Put the user in the User field, and only the host here.'
  if (text.includes('://')) return 'Enter the host only (no ssh://).'
  if (/\s/.test(text)) return 'A host has no spaces.'
  if (text.includes(':') && !IPV6.test(text)) return 'Put the port in the Port field.'
  if (!text.includes(':') && !HOST_NAME.test(text)) return 'Use letters, digits, dots, dashes or underscores.'
  return undefined
}

export function portProblem(port: string): string | undefined {
  const text = port.trim()
  if (!text) return undefined
  if (!/^\d+$/.test(text)) return 'The port is a number, e.g. 22.'
  const value = Number(text)
  if (value < 1 || value > 65535) return 'The port is between 1 and 65535.'
  return undefined
}

export function userProblem(user: string): string | undefined {
  const text = user.trim()
  if (!text) return undefined
  if (text.length > 64) return 'The user name is at most 64 characters.'
  if (!USER_NAME.test(text)) return 'A user name has letters, digits, dots, dashes or underscores.'
  return undefined
}

export function keyFileProblem(path: string): string | undefined {
  const text = path.trim()
  if (!text) return 'Enter the private key file, e.g. ~/.ssh/id_ed25519.'
  if (text.length > 4096) return 'The path is too long.'
  if (!text.startsWith('/') && !text.startsWith('~/') && !/^[A-Za-z]:[\\/]/.test(text)) {
    return 'Use a full path (/home/me/.ssh/id_ed25519) or one starting with ~/.'
  }
  if (text.endsWith('.pub')) return 'That is the public key: choose the private key (the same name without .pub).'
  return undefined
}

export function socketProblem(path: string): string | undefined {
  const text = path.trim()
  if (!text) return undefined
  if (!text.startsWith('/')) return 'The socket path on the remote machine is absolute, e.g. /var/run/docker.sock.'
  if (text.length > 1024) return 'The path is too long.'
  return undefined
}

export function nameProblem(name: string): string | undefined {
  const text = name.trim()
  if (text.length > 80) return 'The name is at most 80 characters.'
  return undefined
}

/** Every problem of a form, by field; empty when it may be sent. */
export function remoteFormProblems(form: RemoteForm): RemoteFormProblems {
  const problems: RemoteFormProblems = {
    name: nameProblem(form.name),
    host: hostProblem(form.host),
    port: portProblem(form.port),
    user: userProblem(form.user),
    keyFile: form.auth === 'key' ? keyFileProblem(form.keyFile) : undefined,
    remoteSocket: socketProblem(form.remoteSocket)
  }
  for (const key of Object.keys(problems) as RemoteFormField[]) if (!problems[key]) delete problems[key]
  return problems
}

/** zod refinement from a problem function, so the boundary says the same words as the form. */
function checked(problem: (value: string) => string | undefined) {
  return z.string().max(4096).superRefine((value, ctx) => {
    const why = problem(value)
    if (why) ctx.addIssue({ code: 'custom', message: why })
  })
}

export const RemoteAuth = z.discriminatedUnion('method', [
  /** The SSH agent, plus the identities ~/.ssh/config names for the host. */
  z.object({ method: z.literal('agent') }).strict(),
  z.object({ method: z.literal('key'), keyFile: checked(keyFileProblem) }).strict()
])
export type RemoteAuth = z.infer<typeof RemoteAuth>

/** A remote engine as sent to the core (checked), and as persisted in settings (no secrets). */
export const RemoteDraft = z
  .object({
    name: checked(nameProblem).optional(),
    host: checked(hostProblem),
    port: z.number().int().min(1, 'The port is between 1 and 65535.').max(65535, 'The port is between 1 and 65535.').optional(),
    user: checked(userProblem).optional(),
    auth: RemoteAuth,
    remoteSocket: checked(socketProblem).optional()
  })
  .strict()
export type RemoteDraft = z.infer<typeof RemoteDraft>

/** The form, once it has no problems, as the core wants it. */
export function draftFromForm(form: RemoteForm): RemoteDraft {
  const draft: RemoteDraft = {
    host: form.host.trim().replace(/^\[(.*)\]$/, '$1'),
    auth: form.auth === 'key' ? { method: 'key', keyFile: form.keyFile.trim() } : { method: 'agent' }
  }
  if (form.name.trim()) draft.name = form.name.trim()
  if (form.port.trim()) draft.port = Number(form.port.trim())
  if (form.user.trim()) draft.user = form.user.trim()
  if (form.remoteSocket.trim()) draft.remoteSocket = form.remoteSocket.trim()
  return draft
}

/** The person's answers to what a connection asked: a host key accepted, a key's passphrase. */
export const ConnectDecisions = z
  .object({
    acceptHostKey: z
      .object({ host: z.string().min(1).max(300), port: z.number().int().min(1).max(65535), fingerprint: z.string().min(8).max(200) })
      .strict()
      .optional(),
    /** Kept in memory for this engine's reconnects while Berth runs; never stored, never logged. */
    passphrase: z.string().min(1, 'Enter the passphrase.').max(1024).optional()
  })
  .strict()
export type ConnectDecisions = z.infer<typeof ConnectDecisions>

/** What a successful test found on the other side. */
export const RemoteProbe = z.object({
  /** The engine's socket that answered (the default, or the one found instead: rootless Docker, Podman). */
  socket: z.string(),
  /** The default socket was missing and a rootless engine's socket answered instead. */
  rootlessSocketDetected: z.boolean(),
  /** Who and where, after ~/.ssh/config: user@hostname:port, and the jump hosts on the way. */
  user: z.string(),
  hostName: z.string(),
  port: z.number().int(),
  via: z.array(z.string()),
  facts: EngineFacts,
  /** Which product answered (Docker, Podman, …), from its /version. */
  identity: EngineIdentity.optional()
})
export type RemoteProbe = z.infer<typeof RemoteProbe>

/**
 * How a connect attempt ended. Decisions come back to the renderer as outcomes (the renderer
 * asks the person, then calls again with the answer) rather than as prompts pushed from the core.
 * Failures that no answer can fix (refused login, nothing listening) are thrown as RpcErrors.
 */
export const ConnectOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('connected'), probe: RemoteProbe, engineId: z.string().optional() }),
  z.object({ status: z.literal('needs-host-key'), hostKey: HostKeyPrompt }),
  z.object({ status: z.literal('host-key-refused'), refusal: HostKeyRefusal }),
  z.object({ status: z.literal('needs-passphrase'), keyFile: z.string(), wrong: z.boolean() })
])
export type ConnectOutcome = z.infer<typeof ConnectOutcome>

export const EngineName = checked(nameProblem).refine((value) => value.trim().length > 0, 'Enter a name.')
