/**
 * build.*: build an image from a Dockerfile in a folder on the machine running Berth. `build.run`
 * streams the plan, the context bytes as sent, each step (cache marks, output, duration) and one
 * result; `build.cancel` stops a build by the id its client chose (the stream then ends with a
 * `cancelled` result); `build.inspectContext` checks a folder and Dockerfile before building;
 * history is kept in Berth's config folder across restarts.
 */
import { z } from 'zod'
import { BuildersInfo, BuildId, BuildEvent, BuildOptions, BuildRecord, ContextCheck } from '../build-models'
import { call, Done, None, stream } from '../spec'

export const buildMethods = {
  'build.run': stream(BuildOptions.extend({ buildId: BuildId }).strict(), BuildEvent),
  'build.cancel': call(z.object({ buildId: BuildId }).strict(), z.object({ cancelled: z.boolean() })),
  'build.inspectContext': call(BuildOptions.pick({ contextPath: true, dockerfile: true, target: true }).strict(), ContextCheck),
  'build.builders': call(None, BuildersInfo),
  'build.history': call(None, z.array(BuildRecord)),
  'build.clearHistory': call(None, Done)
} as const
