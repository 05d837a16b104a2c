import type { Scenario } from '../scenario/index.ts'
import { groupIsStable, startProcessSut, startSimpleRunSut, type Sut, type SutContext } from '../sut/index.ts'
import type { Admin } from 'kafkajs'

/** Start the scenario's SUT (a process, or an in-process function from a TS scenario) for one run. */
export async function startSut(spec: Scenario['sut'], ctx: SutContext, scenarioDir: string, admin: Admin): Promise<Sut> {
  if (spec.kind === 'in-process') return startSimpleRunSut(spec.run, ctx, { stopTimeoutMs: spec.stopTimeout })
  return startProcessSut(
    {
      command: spec.command,
      args: spec.args,
      cwd: spec.cwd ?? scenarioDir,
      env: spec.env,
      stopTimeoutMs: spec.stopTimeout,
      readyTimeoutMs: spec.readyTimeout,
      ...(spec.ready ? { ready: spec.ready } : {}),
    },
    ctx,
    { isGroupStable: () => groupIsStable(admin, ctx.groupId) },
  )
}
