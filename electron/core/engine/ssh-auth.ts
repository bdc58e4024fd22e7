/**
 * Which keys an SSH login tries, in OpenSSH's order: for each identity file, the agent's copy
 * of it when the agent holds it (so an encrypted key loaded with ssh-add works without its
 * passphrase), else the file itself (decrypted with a passphrase the person gave, kept in
 * memory only); then the agent's other keys unless IdentitiesOnly is set. An encrypted key
 * with neither an agent copy nor a passphrase is set aside and reported, so the caller can ask
 * for its passphrase instead of failing before the agent was even tried (which is what ssh2
 * does when given an encrypted privateKey). Key material and passphrases are never logged.
 */
import { readFileSync } from 'node:fs'
import { BaseAgent, OpenSSHAgent, utils, type AnyAuthMethod, type ParsedKey } from 'ssh2'
import { RpcError } from '../../../shared/errors'

export interface AuthInput {
  username: string
  identityFiles: string[]
  /** The person named the files (form or config): a missing one is an error, not a default skipped. */
  identitiesExplicit: boolean
  identitiesOnly: boolean
  agentSocket?: string
  /** Passphrases by key file, from the person, for this engine only; one that works is added here. */
  passphrases: Map<string, string>
  /** A passphrase just typed, tried on every encrypted key that has none yet. */
  offeredPassphrase?: string
}

export interface AuthPlan {
  methods: AnyAuthMethod[]
  /** Encrypted keys that were skipped for want of a passphrase. */
  locked: string[]
  /** Keys whose given passphrase did not decrypt them. */
  wrongPassphrase: string[]
  /** Human summary of what is tried (for logs): file names and "agent", never key material. */
  described: string[]
}

/** An agent that offers only some of another agent's keys (one identity at a time, or the rest). */
class SubsetAgent extends BaseAgent<ParsedKey> {
  constructor(
    private readonly inner: OpenSSHAgent,
    private readonly keys: ParsedKey[]
  ) {
    super()
  }

  getIdentities(cb: (err: Error | undefined, keys?: ParsedKey[]) => void): void {
    cb(undefined, this.keys)
  }

  sign(pubKey: ParsedKey | Buffer | string, data: Buffer, ...rest: unknown[]): void {
    ;(this.inner.sign as (...args: unknown[]) => void)(pubKey, data, ...rest)
  }
}

function firstKey(parsed: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  return Array.isArray(parsed) ? (parsed[0] ?? new Error('no key')) : parsed
}

/** The public key blob stored in the clear at the top of an openssh-key-v1 file (encrypted or not). */
export function publicBlobFromOpenSshPrivate(text: string): Buffer | undefined {
  const match = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]+?)-----END OPENSSH PRIVATE KEY-----/.exec(text)
  if (!match) return undefined
  const data = Buffer.from(match[1].replace(/\s+/g, ''), 'base64')
  const magic = 'openssh-key-v1\0'
  if (data.toString('latin1', 0, magic.length) !== magic) return undefined
  let pos = magic.length
  const readString = (): Buffer | undefined => {
    if (pos + 4 > data.length) return undefined
    const length = data.readUInt32BE(pos)
    if (pos + 4 + length > data.length) return undefined
    const value = data.subarray(pos + 4, pos + 4 + length)
    pos += 4 + length
    return value
  }
  for (let i = 0; i < 3; i += 1) if (!readString()) return undefined // cipher, kdf, kdf options
  if (pos + 4 > data.length || data.readUInt32BE(pos) < 1) return undefined
  pos += 4
  return readString()
}

function publicBlobOf(path: string, privateText: string): Buffer | undefined {
  try {
    const parsed = firstKey(utils.parseKey(readFileSync(`${path}.pub`, 'utf8')))
    if (!(parsed instanceof Error)) return parsed.getPublicSSH()
  } catch {
    // No .pub beside it: the OpenSSH format carries the public key in the clear.
  }
  return publicBlobFromOpenSshPrivate(privateText)
}

function agentKeys(socket: string): Promise<{ agent: OpenSSHAgent; keys: ParsedKey[] } | undefined> {
  const agent = new OpenSSHAgent(socket)
  return new Promise((resolve) => {
    agent.getIdentities((err, keys) => {
      // An OpenSSH agent answers with parsed keys; anything else is of no use for signing here.
      const parsed = (keys ?? []).filter((key): key is ParsedKey => typeof (key as Partial<ParsedKey>).getPublicSSH === 'function')
      resolve(err ? undefined : { agent, keys: parsed })
    })
  })
}

function isEncryptedError(err: Error): boolean {
  return /encrypted/i.test(err.message) && /passphrase/i.test(err.message)
}

export async function planAuth(input: AuthInput): Promise<AuthPlan> {
  const plan: AuthPlan = { methods: [], locked: [], wrongPassphrase: [], described: [] }
  const fromAgent = input.agentSocket ? await agentKeys(input.agentSocket) : undefined
  const usedAgentKeys = new Set<string>()
  const { username } = input

  for (const path of input.identityFiles) {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (!input.identitiesExplicit && code === 'ENOENT') continue
      const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (err as Error).message})`
      throw new RpcError('INVALID_INPUT', `The key file ${path} ${why}.`, { field: 'keyFile' })
    }
    const blob = publicBlobOf(path, text)
    const held = blob && fromAgent?.keys.find((key) => key.getPublicSSH().equals(blob))
    if (held && fromAgent) {
      usedAgentKeys.add(held.getPublicSSH().toString('base64'))
      plan.methods.push({ type: 'agent', username, agent: new SubsetAgent(fromAgent.agent, [held]) })
      plan.described.push(`${path} (from the agent)`)
      continue
    }
    const plain = firstKey(utils.parseKey(text))
    if (!(plain instanceof Error)) {
      if (plain.isPrivateKey()) {
        plan.methods.push({ type: 'publickey', username, key: plain })
        plan.described.push(path)
      }
      continue
    }
    if (!isEncryptedError(plain)) {
      if (input.identitiesExplicit) throw new RpcError('INVALID_INPUT', `${path} is not a private key Berth can read (${plain.message}).`, { field: 'keyFile' })
      continue
    }
    const passphrase = input.passphrases.get(path) ?? input.offeredPassphrase
    if (passphrase === undefined) {
      plan.locked.push(path)
      continue
    }
    const decrypted = firstKey(utils.parseKey(text, passphrase))
    if (decrypted instanceof Error) {
      input.passphrases.delete(path)
      plan.wrongPassphrase.push(path)
      continue
    }
    input.passphrases.set(path, passphrase)
    plan.methods.push({ type: 'publickey', username, key: decrypted })
    plan.described.push(`${path} (decrypted)`)
  }

  if (fromAgent && !input.identitiesOnly) {
    const rest = fromAgent.keys.filter((key) => !usedAgentKeys.has(key.getPublicSSH().toString('base64')))
    if (rest.length > 0) {
      plan.methods.push({ type: 'agent', username, agent: new SubsetAgent(fromAgent.agent, rest) })
      plan.described.push(`${rest.length} other agent key(s)`)
    }
  }
  return plan
}
