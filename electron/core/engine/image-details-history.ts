/**
 * An image's history as people read it, and which history step made which layer.
 *
 * The engine records the Dockerfile instruction of each step in the image config ("created
 * by"), wrapped in the shell the classic builder ran it with: "/bin/sh -c #(nop)  ENV A=b" for
 * steps that only change the config, "/bin/sh -c apk add curl" for RUN, "|1 V=2 /bin/sh -c …"
 * for a RUN that saw build args; BuildKit writes "RUN /bin/sh -c … # buildkit". We turn those
 * back into the instruction ("ENV A=b", "RUN apk add curl").
 *
 * Matching steps to layers: the config's history has one entry per step, and a flag
 * (empty_layer) on steps that made no layer; the non-empty steps correspond, in order, to
 * RootFS.Layers. GET /images/{id}/history drops that flag, but its Size is the layer's size for
 * a non-empty step and 0 for an empty one. So every step with Size > 0 made a layer. When that
 * accounts for every layer (the usual case) the rest are empty. When layers are left over, some
 * steps made layers of 0 bytes (a RUN that changed nothing): we give them to the zero-size steps
 * most likely to make a layer — RUN/ADD/COPY/commit/import first, WORKDIR next (BuildKit makes a
 * layer when it creates the folder), never config-only instructions — earliest first. A wrong
 * guess there can only move a 0-byte layer's label, never a byte.
 */
import { createHash } from 'node:crypto'

/** chainID(L0) = diffID(L0); chainID(Ln) = sha256(chainID(Ln-1) + " " + diffID(Ln)), as the engine computes it. */
export function chainIds(diffIds: readonly string[]): string[] {
  const chains: string[] = []
  for (const diffId of diffIds) {
    const below = chains[chains.length - 1]
    chains.push(below === undefined ? diffId : `sha256:${createHash('sha256').update(`${below} ${diffId}`).digest('hex')}`)
  }
  return chains
}

const SHELL_PREFIX = /^(?:\/bin\/(?:ba|a)?sh -c|\/usr\/bin\/(?:ba)?sh -c|cmd \/S \/C|powershell(?:\.exe)? -Command)\s+/
const CONFIG_ONLY = /^(?:CMD|ENV|LABEL|EXPOSE|ENTRYPOINT|USER|VOLUME|STOPSIGNAL|HEALTHCHECK|SHELL|ARG|ONBUILD|MAINTAINER)\b/

/** Takes the `|N K=V …` build-args prefix the builders put before a RUN's shell: [args, rest]. */
function splitBuildArgs(text: string): [string, string] {
  const count = /^\|(\d+)\s+/.exec(text)
  if (!count) return ['', text]
  let rest = text.slice(count[0].length)
  const args: string[] = []
  for (let i = 0; i < Number(count[1]); i++) {
    const space = rest.indexOf(' ')
    if (space < 0) break
    args.push(rest.slice(0, space))
    rest = rest.slice(space + 1)
  }
  return [args.join(' '), rest]
}

/** "/bin/sh -c #(nop)  CMD [\"sh\"]" → "CMD [\"sh\"]"; "/bin/sh -c make" → "RUN make". */
export function readableInstruction(createdBy: string): string {
  let text = createdBy.trim().replace(/\s*#\s*buildkit$/, '')
  const isRun = /^RUN\s+/.test(text)
  if (isRun) text = text.replace(/^RUN\s+/, '')
  const [args, rest] = splitBuildArgs(text)
  const shell = SHELL_PREFIX.exec(rest)
  if (!shell && !isRun) return text
  const command = shell ? rest.slice(shell[0].length).trim() : rest.trim()
  if (command.startsWith('#(nop)')) return command.slice('#(nop)'.length).trim()
  return `RUN ${command}${args ? `  (build args: ${args})` : ''}`
}

/** How likely a step of size 0 is to have made a (0-byte) layer: 2 likely, 1 maybe, 0 never. */
function layerLikelihood(readable: string): number {
  if (CONFIG_ONLY.test(readable)) return 0
  if (/^WORKDIR\b/.test(readable)) return 1
  return 2
}

export interface HistoryStep {
  /** Readable instruction (readableInstruction). */
  createdBy: string
  size: number
}

/**
 * For each step (oldest first), the index in RootFS.Layers of the layer it made, or -1 when it
 * made none. See the header for how steps of size 0 are told apart.
 */
export function matchStepsToLayers(steps: readonly HistoryStep[], layerCount: number): number[] {
  const makesLayer = steps.map((step) => step.size > 0)
  let missing = layerCount - makesLayer.filter(Boolean).length
  for (const wanted of [2, 1]) {
    for (let i = 0; i < steps.length && missing > 0; i++) {
      if (!makesLayer[i] && layerLikelihood(steps[i].createdBy) === wanted) {
        makesLayer[i] = true
        missing--
      }
    }
  }
  let next = 0
  // More sized steps than layers would be a corrupt config: layers run out and the rest get none.
  return makesLayer.map((makes) => (makes && next < layerCount ? next++ : -1))
}
