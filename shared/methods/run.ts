/** Run and details: create (and start) a container, inspect it, update its limits, rename it, pick a free port. */
import { z } from 'zod'
import { ObjectRef } from '../models'
import {
  ContainerDetails,
  CreateResult,
  FreePortRequest,
  FreePortResult,
  RenameSpec,
  RunSpec,
  UpdateResult,
  UpdateSpec
} from '../run-models'
import { call, Done } from '../spec'

export const runMethods = {
  'containers.create': call(RunSpec, CreateResult),
  'containers.inspect': call(z.object({ id: ObjectRef }).strict(), ContainerDetails),
  'containers.update': call(UpdateSpec, UpdateResult),
  'containers.rename': call(RenameSpec, Done),
  'containers.freePort': call(FreePortRequest, FreePortResult)
} as const
