import { test as base } from 'vitest'
import { createCollect, type Collect } from './collect.ts'
import { providedEnvironment } from './provided.ts'
import { repeatHint } from './repeat.ts'
import { createReplay, type Replay } from './replay.ts'
import { createRunScenario, type RunScenario } from './run-scenario.ts'
import { createStreams, type Streams } from './streams.ts'
import { createSutFixture, type SutFixture } from './sut.ts'
import { TestRun } from './test-run.ts'

export interface StreamFixtures {
  /** this test's broker resources; used by the other fixtures */
  streamRun: TestRun
  streams: Streams
  replay: Replay
  sut: SutFixture
  collect: Collect
  runScenario: RunScenario
}

/**
 * True inside a vitest worker (where tests run). vitest.config.ts imports this module too, to get the
 * plugin, and there `test.extend` must not run (vitest has no current suite in the config's process).
 */
export const inVitestWorker = (): boolean => (globalThis as { __vitest_worker__?: unknown }).__vitest_worker__ !== undefined

/**
 * vitest's `test` with stream-test fixtures. Each test gets its own namespace `st.<testId>.`; its
 * topics, SUTs and clients are removed when it ends, and a failing test prints the seeds it used.
 */
const extend = () =>
  base.extend<StreamFixtures>({
  streamRun: async ({ task, onTestFailed }, use) => {
    const { connection, keepTopics } = providedEnvironment()
    // its topics, SUTs and clients are removed when the test ends, however it ends
    await using run = await TestRun.open(connection, keepTopics)
    onTestFailed(() => {
      if (run.seeds.length === 0) return
      console.error(`[stream-test] ${task.name}: seed ${run.seeds.join(', ')}; ${repeatHint(task.file.filepath, task.name, run.seeds[0] as number)}`)
    })
    await use(run)
  },
  streams: async ({ streamRun }, use) => use(createStreams(streamRun)),
  replay: async ({ streamRun, task }, use) => use(createReplay(streamRun, task.file.filepath)),
  sut: async ({ streamRun }, use) => use(createSutFixture(streamRun)),
  collect: async ({ streamRun }, use) => use(createCollect(streamRun)),
  runScenario: async ({ streamRun, task }, use) => use(createRunScenario(streamRun, task.file.filepath, task.name)),
  })

export const test: ReturnType<typeof extend> = inVitestWorker() ? extend() : (base as unknown as ReturnType<typeof extend>)
