import type { Benchmark } from './benchmark.ts'
import { expectedWindows, judgeWindows, type WindowSpec } from '../src/oracle/windows/index.ts'
import type { ProduceOp } from '../src/replay/plan.ts'
import type { CollectedRecord } from '../src/collect/record.ts'

const N = 1_000_000
const KEYS = 10_000

/** 1 M events over 10 k keys, tumbling 10 s windows with 5 s grace, mild disorder, 1 % late. */
function events(): ProduceOp[] {
  const ops: ProduceOp[] = new Array(N)
  let seed = 42
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
  for (let i = 0; i < N; i++) {
    const late = rand() < 0.01
    const ts = 1_700_000_000_000 + i * 10 - Math.floor(rand() * 2000) - (late ? 30_000 : 0)
    ops[i] = { kind: 'produce', seq: i, topic: 'in', partition: (i % KEYS) % 3, key: `k${i % KEYS}`, value: 1, headers: {}, ts, id: `e${i}`, copy: 0 }
  }
  return ops
}

const spec: WindowSpec = { profile: 'kafka-streams', window: { type: 'tumbling', size: 10_000 }, grace: 5000, aggregate: 'count', emit: 'updates' }

/** The window oracle's own speed: reference windows for 1 M events, then judging a correct output. */
export const windowOracle: Benchmark = {
  id: 'windows',
  title: 'window oracle throughput',
  metrics: [
    { key: 'compute', name: '1 M events, tumbling, 10 k keys: expected windows', unit: 'events/s', target: { op: '>=', value: 1_000_000 }, digits: 0 },
    { key: 'judge', name: '1 M events: expected + judge a correct output', unit: 'events/s', digits: 0 },
  ],
  async start(ctx) {
    ctx.progress(`windows: generating ${N.toLocaleString('en-US')} events`)
    const ops = events()
    return {
      async repeat() {
        let t = performance.now()
        const expected = expectedWindows(ops, spec)
        const compute = N / ((performance.now() - t) / 1000)
        // a null value is a tombstone the engine skips: make sure the benchmark measured real windows
        if (expected.windows.size < KEYS) throw new Error(`only ${expected.windows.size} windows: the benchmark's events did not window`)
        const output: CollectedRecord[] = [...expected.windows.values()].map((w, i) => ({
          topic: 'out', partition: 0, offset: String(i), key: w.key, headers: {}, ts: w.end,
          value: { key: w.key, start: w.start, end: w.end, count: w.value },
        }))
        t = performance.now()
        const judged = judgeWindows(expectedWindows(ops, spec), output, { key: 'value.key', start: 'value.start', end: 'value.end', value: 'value.count' })
        if (judged.violations.length > 0) throw new Error(`window oracle judged its own expected output wrong: ${judged.violations[0]?.message}`)
        return { compute, judge: N / ((performance.now() - t) / 1000) }
      },
    }
  },
}
