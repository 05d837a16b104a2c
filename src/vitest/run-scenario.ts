import type { Environment } from '../env/index.ts'
import { openHarness } from '../runner/harness.ts'
import type { ScenarioResult } from '../result/index.ts'
import { runScenario as runOne, type RunScenarioOptions } from '../runner/run-scenario.ts'
import { parseScenario, type ScenarioInput } from '../scenario/index.ts'
import type { TestRun } from './test-run.ts'

/** The runner's options; the test run sets keepTopics and the repeat command. */
export type RunScenario = (scenario: ScenarioInput, options?: Pick<RunScenarioOptions, 'seed' | 'timeoutMs'>) => Promise<ScenarioResult>

/**
 * The `runScenario` fixture: a whole scenario object (as `defineScenario` takes it), validated as if it
 * were a file next to the test, run in-process against this run's broker. Relative paths resolve from
 * the test file's folder.
 */
export function createRunScenario(run: TestRun, testFile: string, testName: string): RunScenario {
  return async (raw, options = {}) => {
    const scenario = parseScenario(raw, { file: testFile })
    const stop = async (): Promise<void> => undefined
    const env: Environment = { connection: run.connection, stop, [Symbol.asyncDispose]: stop }
    // the runner's own path: each run of the scenario opens (and disposes) its run on this harness
    await using harness = await openHarness(env)
    const result = await runOne(harness, scenario, testFile, {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      keepTopics: run.keepTopics,
      repeatCommand: (file, seed) => `npx vitest run ${file} -t ${JSON.stringify(testName)}  (seed ${seed})`,
    })
    run.seeds.push(result.seed)
    return result
  }
}
