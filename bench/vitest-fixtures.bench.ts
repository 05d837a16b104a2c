import { fileURLToPath } from 'node:url'
import { median, type Benchmark } from './benchmark.ts'
import { TestRun } from '../src/vitest/test-run.ts'
import { createStreams } from '../src/vitest/streams.ts'
import { createSutFixture } from '../src/vitest/sut.ts'
import { createReplay } from '../src/vitest/replay.ts'
import { createCollect } from '../src/vitest/collect.ts'

const EVENTS = 100
const PASSTHROUGH = fileURLToPath(new URL('../fixtures/apps/passthrough.mjs', import.meta.url))

/**
 * The vitest face's per-test overhead with the broker already up: what one test pays for its fixtures —
 * two topics, a process SUT (the pass-through app) started and ready, 100 events replayed, the output
 * collected once quiescent, and the clean-up — exactly the calls the `test.extend` fixtures make.
 */
export const vitestFixtures: Benchmark = {
  id: 'vitest',
  title: 'vitest fixtures per test',
  repetitions: 5,
  metrics: [
    { key: 'total', name: `vitest fixtures: topics + SUT start + replay ${EVENTS} + collect + cleanup`, unit: 'ms', target: { op: '<=', value: 1000 }, digits: 0 },
    { key: 'noSut', name: 'vitest fixtures without a SUT: topic + replay + collect', unit: 'ms', digits: 0 },
  ],
  async start(ctx) {
    const { connection } = await ctx.env()
    const phases: Record<string, number[]> = {}
    const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
      const t = performance.now()
      try {
        return await f()
      } finally {
        ;(phases[name] ??= []).push(performance.now() - t)
      }
    }
    const events = Array.from({ length: EVENTS }, (_, i) => ({ key: `k${i % 10}`, value: { n: i }, ts: 1_700_000_000_000 + i }))
    return {
      async repeat() {
        const t0 = performance.now()
        const run = await TestRun.open(connection, false)
        try {
          const streams = createStreams(run)
          const [input, output] = await timed('topics', () => Promise.all([streams.topic('in'), streams.topic('out')]))
          await timed('sut-start', () => createSutFixture(run).start({ command: process.execPath, args: [PASSTHROUGH, '--in', input.name, '--out', output.name], ready: { log: 'ready' } }))
          await timed('replay', () => createReplay(run, undefined)(input, events, { seed: 1 }))
          const got = await timed('collect', () => createCollect(run)(output))
          if (got.committed.length < EVENTS) throw new Error(`collected ${got.committed.length} of ${EVENTS}`)
        } finally {
          await timed('cleanup', () => run[Symbol.asyncDispose]())
        }
        const total = performance.now() - t0
        const t1 = performance.now()
        const bare = await TestRun.open(connection, false)
        try {
          const topic = await createStreams(bare).topic('direct')
          await createReplay(bare, undefined)(topic, events, { seed: 1 })
          const got = await createCollect(bare)(topic)
          if (got.committed.length < EVENTS) throw new Error(`collected ${got.committed.length} of ${EVENTS} without a SUT`)
        } finally {
          await bare[Symbol.asyncDispose]()
        }
        return { total, noSut: performance.now() - t1 }
      },
      summary: () => [
        `vitest: median phases (ms): ${Object.entries(phases).map(([k, v]) => `${k} ${Math.round(median(v))}`).join(', ')}`,
      ],
    }
  },
}
