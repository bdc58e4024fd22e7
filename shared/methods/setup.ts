/**
 * setup.*: getting this machine from "no engine" to a running one. `setup.detect` says what is
 * installed and running and what Berth suggests; `setup.plan` composes the exact commands for a
 * target (shown to the person verbatim); `setup.run` runs a plan Berth composed, by its id only,
 * streaming each command, its output and its exit status, and ends once the engine answers.
 */
import { PlanRequest, RunRequest, SetupDetection, SetupPlan, SetupProgress } from '../setup-models'
import { call, None, stream } from '../spec'

export const setupMethods = {
  'setup.detect': call(None, SetupDetection),
  'setup.plan': call(PlanRequest, SetupPlan),
  'setup.run': stream(RunRequest, SetupProgress)
} as const
