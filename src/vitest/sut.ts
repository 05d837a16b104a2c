import type { SutRun } from '../scenario/index.ts'
import { groupIsStable, startProcessSut, startSimpleRunSut, type ProcessSutSpec, type Sut, type SutContext } from '../sut/index.ts'
import type { TestRun } from './test-run.ts'

/** A process to spawn, or an in-process function that starts the app and returns its stop function. */
export type SutStartSpec = ProcessSutSpec | { run: SutRun; stopTimeoutMs?: number; readyTimeoutMs?: number }

/** The `sut` fixture: SUTs bound to this test's topics and consumer group, stopped after the test. */
export interface SutFixture {
  /**
   * Start a SUT. It sees KAFKA_BROKERS, SCHEMA_REGISTRY_URL, ST_GROUP_ID and ST_TOPIC_<NAME> for every
   * topic created so far (create topics first), and `{{topics.<name>}}` etc. in args and env.
   */
  start(spec: SutStartSpec): Promise<Sut & { readonly group: string }>
}

export function createSutFixture(run: TestRun): SutFixture {
  return {
    async start(spec) {
      const n = run.suts.length
      const group = `${run.namespace}sut${n === 0 ? '' : `-${n + 1}`}`
      const ctx: SutContext = {
        brokers: run.connection.brokers,
        registryUrl: run.connection.registryUrl,
        runId: run.testId,
        groupId: group,
        topics: run.topicsByShortName(),
      }
      const sut = 'run' in spec ? await startInProcess(spec, ctx) : await startProcessSut(spec, ctx, { isGroupStable: () => groupStable(run, group) })
      run.suts.push({ sut, group })
      sut.onUnexpectedExit((exit) => (run.sutDied = exit.error))
      return Object.assign(sut, { group })
    },
  }
}

function startInProcess(spec: Extract<SutStartSpec, { run: SutRun }>, ctx: SutContext): Promise<Sut> {
  return startSimpleRunSut(spec.run, ctx, {
    ...(spec.stopTimeoutMs !== undefined ? { stopTimeoutMs: spec.stopTimeoutMs } : {}),
    ...(spec.readyTimeoutMs !== undefined ? { readyTimeoutMs: spec.readyTimeoutMs } : {}),
  })
}

async function groupStable(run: TestRun, group: string): Promise<boolean> {
  return groupIsStable(await run.admin(), group)
}
