import type { Scenario } from '../scenario/index.ts'
import { startInProcessSut, startProcessSut, type Sut, type SutContext } from '../sut/index.ts'
import type { Admin } from 'kafkajs'

/** Start the scenario's SUT (a process, or an in-process function from a TS scenario) for one run. */
export async function startSut(spec: Scenario['sut'], ctx: SutContext, scenarioDir: string, admin: Admin): Promise<Sut> {
  if (spec.kind === 'in-process') {
    const run = spec.run
    return startInProcessSut(
      async (c) => {
        const stop = await run({ brokers: c.brokers.join(','), registry: c.registryUrl, runId: c.runId, group: c.groupId, topics: c.topics })
        return async () => {
          await stop()
        }
      },
      ctx,
      { stopTimeoutMs: spec.stopTimeout },
    )
  }
  return startProcessSut(
    {
      command: spec.command,
      args: spec.args,
      cwd: spec.cwd ?? scenarioDir,
      env: spec.env,
      stopTimeoutMs: spec.stopTimeout,
      ...(spec.ready ? { ready: spec.ready } : {}),
    },
    ctx,
    {
      isGroupStable: async () => {
        const [g] = (await admin.describeGroups([ctx.groupId])).groups
        return g?.state === 'Stable'
      },
    },
  )
}
