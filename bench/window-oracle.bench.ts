import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Benchmark } from './benchmark.ts'
import { baselineSrc } from './baseline.ts'
import * as current from '../src/oracle/windows/index.ts'
import type { WindowSpec } from '../src/oracle/windows/index.ts'
import type { ProduceOp } from '../src/replay/plan.ts'
import type { CollectedRecord } from '../src/collect/record.ts'

const N = 1_000_000
const KEYS = 10_000
/**
 * The window oracle as it was before the one-representation refactor (issue 14 part 5): measured in
 * the same process as the current one, so their ratio does not depend on the machine's load of the day.
 * `BENCH_WINDOWS_BASELINE=<ref>` compares against another commit.
 */
const BASELINE = process.env.BENCH_WINDOWS_BASELINE ?? '5b0cdcfd1a0c158f3279a9370c0e0b369adda497'

type Oracle = Pick<typeof current, 'expectedWindows' | 'judgeWindows'>

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

interface Rates {
  /** events per second of wall time */
  compute: number
  judge: number
  /** events per second of this process's CPU time (user + system, GC threads included): what another process on the cores does not change */
  computeCpu: number
  judgeCpu: number
}

/** `fn`'s wall and CPU seconds, after a full GC when node runs with --expose-gc (then garbage of the step before is not billed to it). */
function timed<T>(fn: () => T): { result: T; wall: number; cpu: number } {
  ;(globalThis as { gc?: () => void }).gc?.()
  const cpu = process.cpuUsage()
  const t = performance.now()
  const result = fn()
  const wall = (performance.now() - t) / 1000
  const used = process.cpuUsage(cpu)
  return { result, wall, cpu: (used.user + used.system) / 1e6 }
}

/** rounds per repetition; each rate is the best of them (the least disturbed by other processes) */
const ROUNDS = 3

function fastest(a: Rates | undefined, b: Rates): Rates {
  if (a === undefined) return b
  return { compute: Math.max(a.compute, b.compute), judge: Math.max(a.judge, b.judge), computeCpu: Math.max(a.computeCpu, b.computeCpu), judgeCpu: Math.max(a.judgeCpu, b.judgeCpu) }
}

/** One oracle's rates: reference windows for the events, then expected + judging a correct output. */
function measure(oracle: Oracle, ops: readonly ProduceOp[]): Rates {
  const compute = timed(() => oracle.expectedWindows(ops, spec))
  const expected = compute.result
  // a null value is a tombstone the engine skips: make sure the benchmark measured real windows
  if (expected.windows.size < KEYS) throw new Error(`only ${expected.windows.size} windows: the benchmark's events did not window`)
  const output: CollectedRecord[] = [...expected.windows.values()].map((w, i) => ({
    topic: 'out', partition: 0, offset: String(i), key: w.key, headers: {}, ts: w.end,
    value: { key: w.key, start: w.start, end: w.end, count: w.value },
  }))
  const mapping = { key: 'value.key', start: 'value.start', end: 'value.end', value: 'value.count' }
  const judge = timed(() => oracle.judgeWindows(oracle.expectedWindows(ops, spec), output, mapping))
  if (judge.result.violations.length > 0) throw new Error(`window oracle judged its own expected output wrong: ${judge.result.violations[0]?.message}`)
  return { compute: N / compute.wall, judge: N / judge.wall, computeCpu: N / compute.cpu, judgeCpu: N / judge.cpu }
}

/** The window oracle's own speed: reference windows for 1 M events, then judging a correct output; now and at BASELINE. */
export const windowOracle: Benchmark = {
  id: 'windows',
  title: 'window oracle throughput',
  repetitions: 5,
  metrics: [
    { key: 'compute', name: '1 M events, tumbling, 10 k keys: expected windows (best of 3)', unit: 'events/s', target: { op: '>=', value: 1_000_000 }, digits: 0 },
    { key: 'judge', name: '1 M events: expected + judge a correct output (best of 3)', unit: 'events/s', digits: 0 },
    { key: 'computeBefore', name: `expected windows at ${BASELINE.slice(0, 7)} (same run)`, unit: 'events/s', digits: 0 },
    { key: 'judgeBefore', name: `expected + judge at ${BASELINE.slice(0, 7)} (same run)`, unit: 'events/s', digits: 0 },
    { key: 'computeRatio', name: `expected windows: now / ${BASELINE.slice(0, 7)}, CPU time`, unit: 'ratio', target: { op: '>=', value: 0.95 } },
    { key: 'judgeRatio', name: `expected + judge: now / ${BASELINE.slice(0, 7)}, CPU time`, unit: 'ratio', target: { op: '>=', value: 0.95 } },
  ],
  async start(ctx) {
    ctx.progress(`windows: baseline ${BASELINE} from git`)
    const before = (await import(pathToFileURL(join(baselineSrc(BASELINE), 'oracle/windows/index.ts')).href)) as Oracle
    ctx.progress(`windows: generating ${N.toLocaleString('en-US')} events`)
    const ops = events()
    // one untimed round of each first: the two copies of the code are compiled apart, and a cold one loses
    ctx.progress('windows: warm-up round of both')
    measure(before, ops)
    measure(current, ops)
    return {
      async repeat(i) {
        // best of ROUNDS per oracle, alternating which goes first, so neither always runs on the other's garbage
        let now: Rates | undefined
        let old: Rates | undefined
        for (let r = 0; r < ROUNDS; r++) {
          const beforeFirst = (i * ROUNDS + r) % 2 === 0
          const a = measure(beforeFirst ? before : current, ops)
          const b = measure(beforeFirst ? current : before, ops)
          now = fastest(now, beforeFirst ? b : a)
          old = fastest(old, beforeFirst ? a : b)
        }
        if (now === undefined || old === undefined) throw new Error('no round measured')
        return {
          compute: now.compute,
          judge: now.judge,
          computeBefore: old.compute,
          judgeBefore: old.judge,
          computeRatio: now.computeCpu / old.computeCpu,
          judgeRatio: now.judgeCpu / old.judgeCpu,
        }
      },
    }
  },
}
