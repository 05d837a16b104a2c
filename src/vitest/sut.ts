import type { SutRun } from '../scenario/index.ts'
import { groupIsStable, startProcessSut, startSimpleRunSut, SutInstances, type ProcessSutSpec, type Sut, type SutContext } from '../sut/index.ts'
import type { TestRun } from './test-run.ts'

/** A process to spawn, or an in-process function that starts the app and returns its stop function. */
export type SutStartSpec = (ProcessSutSpec | { run: SutRun; stopTimeoutMs?: number; readyTimeoutMs?: number }) & {
  /** N instances in one consumer group (ST_INSTANCE = 0..N-1), started one after another; default 1 */
  instances?: number
  /**
   * attribute the group's members to instances as they start, so that a crash evicts them at once instead
   * of waiting out their session timeout; default: on for process SUTs (`command`), off for in-process
   * ones. It waits, after each start, until the instance's consumers have joined the group.
   */
  evict?: boolean
}

/** A started SUT: its instances (`crash()`, `restart()`, `pause()` take an instance, default 0) and its group. */
export type TestSutHandle = SutInstances & { readonly group: string }

/** The `sut` fixture: SUTs bound to this test's topics and consumer group, stopped after the test. */
export interface SutFixture {
  /**
   * Start a SUT. It sees KAFKA_BROKERS, SCHEMA_REGISTRY_URL, ST_GROUP_ID, ST_INSTANCE and ST_TOPIC_<NAME>
   * for every topic created so far (create topics first), and `{{topics.<name>}}` etc. in args and env.
   */
  start(spec: SutStartSpec): Promise<TestSutHandle>
}

export function createSutFixture(run: TestRun): SutFixture {
  return {
    async start(spec) {
      const n = run.suts.length
      const group = `${run.namespace}sut${n === 0 ? '' : `-${n + 1}`}`
      const ctx: SutContext = {
        brokers: run.connection.sutBrokers ?? run.connection.brokers,
        registryUrl: run.connection.registryUrl,
        runId: run.testId,
        groupId: group,
        topics: run.topicsByShortName(),
      }
      const membership = (spec.evict ?? !('run' in spec)) ? await run.membership(group) : undefined
      const startOne = (instance: number): Promise<Sut> =>
        'run' in spec
          ? startInProcess(spec, { ...ctx, instance })
          : startProcessSut(spec, { ...ctx, instance }, { isGroupStable: () => groupIsStable(run.admin, group) })
      const sut = await SutInstances.start(spec.instances ?? 1, startOne, membership ?? {})
      run.addSut({ sut, group, ...(membership ? { membership } : {}) })
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
