/**
 * The shape of engine-start.json (see startProfiles.ts, which reads it) and which entry "Start"
 * uses. Free of Node, like the rest of plan composition.
 */
import { z } from 'zod'

export const StartProfile = z
  .object({
    name: z.string().min(1).max(80),
    socket: z.string().regex(/^\/[^\0]*$/, 'must be an absolute socket path').max(512),
    command: z.array(z.string().min(1).max(4096)).min(1).max(200),
    /** The command needs administrator rights (Berth escalates when it doesn't have them). */
    asRoot: z.boolean().default(true)
  })
  .strict()
export type StartProfile = z.infer<typeof StartProfile>

export const StartProfilesFile = z.object({ engines: z.array(StartProfile).max(50) }).strict()

/**
 * The profile "Start" uses: the one for the active engine's socket, else the first one (a person
 * who wrote the file means that engine when nothing else answers).
 */
export function profileFor(profiles: readonly StartProfile[], activeSocket: string | undefined): StartProfile | undefined {
  return profiles.find((profile) => profile.socket === activeSocket) ?? profiles[0]
}
