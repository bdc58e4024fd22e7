/**
 * Podman's Docker-compatible API refuses some things with other status codes and other words than
 * Docker: removing a running container and a name already in use are 500s (Docker: 409), and its
 * sentences carry full 64-character ids and repeat their cause ("…: no such container"). Here
 * those answers are rewritten into what Docker says for the same case, once, as they leave the
 * modem, so every mapping downstream (rpc/errors.ts, the remove refusal, prune and volume
 * reports) serves Podman users in the same words as Docker users.
 *
 * The rules match Podman's own sentences (a streamed request's error keeps only the sentence, not
 * the body). Any other error with Podman's body ({cause, message, response}) keeps its code and
 * loses its repeated cause and full 64-character ids; Docker's errors pass through untouched.
 */
import type Docker from 'dockerode'

interface ModemError {
  statusCode?: number
  message: string
  json?: unknown
}

interface Rewrite {
  statusCode: number
  message: string
}

/** Each pattern is Podman's own phrasing (Docker never says it), so matching the sentence is enough. */
interface DialectRule {
  pattern: RegExp
  rewrite: (match: RegExpExecArray) => Rewrite
}

const short = (id: string): string => id.slice(0, 12)

const RULES: DialectRule[] = [
  {
    pattern: /cannot remove container ([0-9a-f]{64}) as it is (running|paused)/,
    rewrite: ([, id, state]) => ({
      statusCode: 409,
      message:
        state === 'paused'
          ? `You cannot remove a paused container ${id}. Unpause and then stop the container before attempting removal or force remove`
          : `You cannot remove a running container ${id}. Stop the container before attempting removal or force remove`
    })
  },
  {
    pattern: /name "([^"]+)" is already in use by ([0-9a-f]{64})/,
    rewrite: ([, name, id]) => ({
      statusCode: 409,
      message: `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`
    })
  },
  {
    // Renaming to a taken name: a 409 already, but Podman doesn't say which container has it.
    pattern: /renaming container [0-9a-f]{64}: name (\S+) already in use/,
    rewrite: ([, name]) => ({ statusCode: 409, message: `Error when allocating new name: Conflict. The container name "/${name}" is already in use.` })
  },
  {
    pattern: /image (\S+) is in use: image used by ([0-9a-f]{64})/,
    rewrite: ([, reference, id]) => ({
      statusCode: 409,
      message: `conflict: unable to delete ${reference} (must be forced) - image is being used by container ${short(id)}`
    })
  },
  {
    pattern: /no container with name or ID "([^"]*)" found/,
    rewrite: ([, name]) => ({ statusCode: 404, message: `No such container: ${name}` })
  },
  {
    pattern: /no such image: (\S+?): image not known/,
    rewrite: ([, reference]) => ({ statusCode: 404, message: `No such image: ${reference}` })
  },
  {
    pattern: /failed to find image (\S+): /,
    rewrite: ([, reference]) => ({ statusCode: 404, message: `No such image: ${reference}` })
  },
  {
    pattern: /no volume with name "([^"]*)" found/,
    rewrite: ([, name]) => ({ statusCode: 404, message: `get ${name}: no such volume` })
  },
  {
    pattern: /unable to find network with name or ID (\S+?): network not found/,
    rewrite: ([, name]) => ({ statusCode: 404, message: `network ${name} not found` })
  }
]

/** Podman's error body: {cause, message, response}. Docker's has `message` only. */
function podmanBody(json: unknown): { cause: string; message: string } | null {
  if (typeof json !== 'object' || json === null) return null
  const { cause, message, response } = json as { cause?: unknown; message?: unknown; response?: unknown }
  return typeof cause === 'string' && typeof message === 'string' && typeof response === 'number' ? { cause, message } : null
}

/** The sentence docker-modem put in the error, without its "(HTTP code 500) server error - " prefix. */
function modemSentence(err: ModemError): string {
  return err.message.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '').trim()
}

/** What Docker would have said for a Podman error, or null when it is not one this knows. */
export function dockerEquivalent(err: ModemError): Rewrite | null {
  const body = podmanBody(err.json)
  const sentence = body?.message ?? modemSentence(err)
  for (const rule of RULES) {
    const match = rule.pattern.exec(sentence)
    if (match) return rule.rewrite(match)
  }
  if (!body) return null
  // Unknown, but Podman's: drop the repeated cause and shorten full ids, as Docker writes them.
  const trimmed = sentence.endsWith(`: ${body.cause}`) && sentence !== body.cause ? sentence.slice(0, -body.cause.length - 2) : sentence
  return { statusCode: err.statusCode ?? 500, message: trimmed.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1') }
}

/** Rewrites a Podman error in place into Docker's code and words (see the header). */
export function translatePodmanError<T>(thrown: T): T {
  if (typeof thrown !== 'object' || thrown === null || !('message' in thrown)) return thrown
  const err = thrown as unknown as ModemError
  if (typeof err.statusCode !== 'number') return thrown
  const rewrite = dockerEquivalent(err)
  if (!rewrite) return thrown
  const podman = podmanBody(err.json)
  err.statusCode = rewrite.statusCode
  err.json = { message: rewrite.message, ...(podman ? { podmanCause: podman.cause } : {}) }
  err.message = `(HTTP code ${rewrite.statusCode}) - ${rewrite.message}`
  return thrown
}

type DialCallback = (err: unknown, data: unknown) => void
interface DialingModem {
  dial(options: unknown, callback: DialCallback): void
}

/**
 * Every request of this dockerode instance (its own methods and engine/modem.ts's dial) goes
 * through modem.dial: its errors are translated there. Docker's own errors pass untouched.
 */
export function speakDockerErrors(docker: Docker): void {
  const modem = docker.modem as unknown as DialingModem
  const dial = modem.dial.bind(modem)
  modem.dial = (options, callback) => dial(options, (err, data) => callback(err ? translatePodmanError(err) : err, data))
}

/**
 * Podman's events name a container's removal "remove" where Docker says "destroy" (Docker never
 * sends "remove" for a container), and the stores, the pacer and the tests follow Docker's names.
 * Podman's extra actions ("init", "cleanup") pass through: nothing listens for them.
 */
export function dockerEventAction(type: string, action: string): string {
  return type === 'container' && action === 'remove' ? 'destroy' : action
}

