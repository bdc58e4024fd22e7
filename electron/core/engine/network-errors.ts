/**
 * The engine's network errors in words. It answers them with statuses that say little (a subnet
 * overlap is 403, a gateway outside its subnet 500, an unsupported driver 500), so they are
 * recognised by their sentences, which are stable across engine versions.
 */
import { RpcError } from '../../../shared/errors'
import { engineSentence, engineStatus } from './failures'

interface Rule {
  pattern: RegExp
  error: (sentence: string, context: NetworkErrorContext) => RpcError
}

export interface NetworkErrorContext {
  network?: string
  container?: string
  driver?: string
}

const RULES: Rule[] = [
  {
    pattern: /network with name .* already exists/i,
    error: (_s, c) => new RpcError('CONFLICT', `A network named ${c.network ?? 'like that'} already exists. Pick another name.`)
  },
  {
    pattern: /pool overlaps/i,
    error: () => new RpcError('CONFLICT', 'That subnet overlaps a network that already exists on this engine. Pick a subnet that no other network uses (see the Subnet column).')
  },
  {
    pattern: /could not find an available, non-overlapping ipv6 address pool/i,
    error: () => new RpcError('INVALID_INPUT', 'This engine has no IPv6 address pool of its own: give the network an IPv6 subnet (e.g. fd00:1::/64), or turn IPv6 off.')
  },
  {
    pattern: /could not find an available, non-overlapping ipv4 address pool/i,
    error: () => new RpcError('CONFLICT', 'The engine has no free IPv4 subnet left to give this network: give it a subnet yourself, or remove networks you no longer need.')
  },
  {
    pattern: /requested address is out of range|no available addresses/i,
    error: (s) => new RpcError('INVALID_INPUT', `The address does not fit the network's subnet or range: ${s}.`)
  },
  {
    pattern: /address already in use/i,
    error: () => new RpcError('CONFLICT', 'That IP address is already taken on this network. Pick another, or leave it empty to get one automatically.')
  },
  {
    pattern: /invalid (subnet|cidr|gateway|ip range|pool)/i,
    error: (s) => new RpcError('INVALID_INPUT', `The engine refused the address settings: ${s}.`)
  },
  {
    pattern: /not a swarm manager|swarm mode|node is not part of a swarm/i,
    error: () => new RpcError('UNSUPPORTED', 'Overlay networks need Swarm mode, and this engine is not a swarm manager. Use bridge on a single engine.')
  },
  {
    pattern: /operation not supported|not supported by this kernel|failed to create the .*vlan port/i,
    error: (s, c) =>
      new RpcError(
        'UNSUPPORTED',
        `This host cannot make ${c.driver ?? 'such'} networks (the engine answered "${s}"): its kernel lacks the driver, or the parent interface can't carry it. Use bridge instead.`
      )
  },
  {
    pattern: /pre-defined network/i,
    error: (_s, c) => new RpcError('UNSUPPORTED', `${c.network ?? 'That network'} is one of Docker's own networks (bridge, host, none); the engine never removes it.`)
  },
  {
    pattern: /network-scoped alias is supported only for containers in user defined networks/i,
    error: () => new RpcError('INVALID_INPUT', 'Aliases work only on networks you create, not on the default bridge. Connect without aliases, or use a network of your own.')
  },
  {
    pattern: /user specified ip address is supported only when connecting to networks with user configured subnets/i,
    error: () => new RpcError('INVALID_INPUT', 'A fixed IP address needs a network created with its own subnet. Leave the address empty, or create a network with a subnet.')
  },
  {
    pattern: /endpoint with name .* already exists|already exists in network|is already attached/i,
    error: (_s, c) => new RpcError('CONFLICT', `${c.container ?? 'The container'} is already connected to ${c.network ?? 'this network'}.`)
  },
  {
    pattern: /is not connected to (the )?network/i,
    error: (_s, c) => new RpcError('CONFLICT', `${c.container ?? 'The container'} is not connected to ${c.network ?? 'this network'} (any more).`)
  },
  {
    pattern: /container .* is not running|cannot connect .* host network|conflicting options/i,
    error: (s) => new RpcError('CONFLICT', `${s}.`)
  }
]

/** An RpcError in words for a failed network call, or the original error when no rule knows it. */
export function explainNetworkError(err: unknown, context: NetworkErrorContext = {}): unknown {
  if (err instanceof RpcError || engineStatus(err) === undefined) return err
  const sentence = engineSentence(err)
  for (const rule of RULES) if (rule.pattern.test(sentence)) return rule.error(sentence, context)
  if (engineStatus(err) === 404) return new RpcError('NOT_FOUND', `Not found: ${sentence}.`)
  return err
}
