import type { Admin } from 'kafkajs'
import { startInProcessSut, type InProcessSutOptions } from './inprocess-sut.ts'
import type { Sut, SutContext } from './sut.ts'

/** What a scenario's in-process `run` function is given: the SUT's environment, as plain strings. */
export interface SimpleRunContext {
  brokers: string
  registry: string
  runId: string
  group: string
  /** this instance's index (ST_INSTANCE) */
  instance: number
  /** logical topic name -> real topic name */
  topics: Record<string, string>
}

export type SimpleRun = (ctx: SimpleRunContext) => Promise<() => Promise<void> | void>

/** Start an in-process SUT written as a scenario's `run` function (TS scenarios and vitest tests). */
export function startSimpleRunSut(run: SimpleRun, ctx: SutContext, options: InProcessSutOptions = {}): Promise<Sut> {
  return startInProcessSut(
    async (c) => {
      const stop = await run({ brokers: c.brokers.join(','), registry: c.registryUrl, runId: c.runId, group: c.groupId, instance: c.instance ?? 0, topics: c.topics })
      return async () => {
        await stop()
      }
    },
    ctx,
    options,
  )
}

/** Readiness `{ group: stable }`: the SUT's consumer group has finished rebalancing. */
export async function groupIsStable(admin: Admin, groupId: string): Promise<boolean> {
  const [g] = (await admin.describeGroups([groupId])).groups
  return g?.state === 'Stable'
}
