import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { eventStreamArb, type EventStreamArbOptions } from '../../../src/generate/index.ts'
import type { ExpectedWindows } from '../../../src/oracle/windows/index.ts'
import type { Scenario } from '../../../src/scenario/index.ts'
import type { StreamEvent } from '../../../src/stream/event.ts'
import { scenario } from '../helpers/harness.ts'

/** One configuration of the Kafka Streams app: a window kind with its sizes and an emit mode. */
export interface Mode {
  name: string
  kind: 'tumbling' | 'hopping' | 'sliding' | 'session'
  emit: 'updates' | 'suppress' | 'on-window-close'
  /** the window size; for sliding windows the time difference */
  size: number
  advance: number
  gap: number
  grace: number
}

const KINDS = {
  tumbling: { size: 10_000, advance: 10_000, gap: 0, grace: 2_000 },
  hopping: { size: 10_000, advance: 5_000, gap: 0, grace: 2_000 },
  sliding: { size: 10_000, advance: 0, gap: 0, grace: 2_000 },
  session: { size: 0, advance: 0, gap: 3_000, grace: 2_000 },
} as const

export const MODES: Mode[] = (['tumbling', 'hopping', 'sliding', 'session'] as const).flatMap((kind) =>
  (['updates', 'suppress', 'on-window-close'] as const).map((emit) => ({ name: `${kind}/${emit}`, kind, emit, ...KINDS[kind] })),
)

export const START_TS = 1_700_000_000_000

/**
 * A seeded stream with disorder, late events and events on window boundaries, or (session, sliding)
 * events exactly gap / gap + 1 after the previous one: for sliding windows the gap is the time
 * difference, and a late event lands at `difference + grace` behind stream time, where its left window
 * is dropped and a right window, when it has one, is kept.
 */
export function generatedStream(mode: Mode, seed: number): StreamEvent[] {
  return sampleStream(
    seed,
    mode.kind === 'session'
      ? { sessionGapMs: mode.gap, lateByMs: mode.gap + mode.grace + 1 }
      : mode.kind === 'sliding'
        ? { sessionGapMs: mode.size, graceMs: mode.grace, lateByMs: mode.size + mode.grace }
        : { windowSizeMs: mode.size, windowAdvanceMs: mode.advance, graceMs: mode.grace },
  )
}

/** Where a stream aims its boundary, gap and late events. */
export type Aim = Pick<EventStreamArbOptions, 'windowSizeMs' | 'windowAdvanceMs' | 'graceMs' | 'sessionGapMs' | 'lateByMs'>

/** The differential tests' stream for `seed`: 80 events, 6 keys, 90 s, disorder up to 4 s, 10 % late, 3 % duplicates, aimed by `aim`. */
export function sampleStream(seed: number, aim: Aim): StreamEvent[] {
  const arb = eventStreamArb({ keys: 6, events: 80, spanMs: 90_000, startTs: START_TS, disorderMs: 4_000, lateRate: 0.1, duplicateRate: 0.03, ...aim })
  const [events] = fc.sample(arb, { seed, numRuns: 1 })
  if (events === undefined) throw new Error(`no stream generated for seed ${seed}`)
  return events
}

/** The app's command line for a mode (run.sh picks the JVM flags and the class-data archive). */
function appArgs(mode: Mode): string[] {
  const window =
    mode.kind === 'session'
      ? ['--gap', String(mode.gap)]
      : ['--size', String(mode.size), ...(mode.kind === 'hopping' ? ['--advance', String(mode.advance)] : [])]
  return ['../fixtures/apps/windows/kstreams/run.sh', '--kind', mode.kind, ...window, '--grace', String(mode.grace), '--emit', mode.emit]
}

/** One generated stream of a batch: its seed and events. */
export interface SeededStream {
  seed: number
  events: StreamEvent[]
}

/** The logical topics of the i-th stream of a batch. */
export const streamTopics = (i: number): { input: string; output: string } => ({ input: `events${i}`, output: `counts${i}` })

/**
 * A scenario (as if in scenarios/) that feeds a batch of streams to ONE Kafka Streams app in `mode`:
 * stream i goes to topic events<i>, the app (`--in events0,events1,... --out counts0,counts1,...`)
 * counts it into counts<i> in its own sub-topology (own tasks, stores and stream time), and its own
 * windows oracle (`input: events<i>`) judges it, so each stream is judged as if it had run alone.
 */
export function batchScenario(mode: Mode, streams: readonly SeededStream[]): { scenario: Scenario; file: string } {
  const window =
    mode.kind === 'session'
      ? { session: { gap: mode.gap }, grace: mode.grace }
      : mode.kind === 'hopping'
        ? { hopping: { size: mode.size, advance: mode.advance }, grace: mode.grace }
        : mode.kind === 'sliding'
          ? { sliding: { difference: mode.size }, grace: mode.grace }
          : { tumbling: mode.size, grace: mode.grace }
  const named = streams.map((s, i) => ({ ...s, ...streamTopics(i) }))
  const topics = Object.fromEntries(
    named.flatMap((s) => [
      [s.input, { partitions: 3, value: 'json' }],
      [s.output, { partitions: 3, value: 'json' }],
    ]),
  )
  const list = (which: 'input' | 'output'): string => named.map((s) => `{{topics.${s[which]}}}`).join(',')
  return scenario(
    {
      name: `kafka-streams ${mode.name} agrees with the kafka-streams profile (streams ${streams.map((s) => s.seed).join(', ')})`,
      topics,
      input: named.map((s) => ({ topic: s.input, events: s.events })),
      sut: {
        command: 'bash',
        args: [...appArgs(mode), '--in', list('input'), '--out', list('output')],
        ready: { log: '^ready$' },
      },
      output: named.map((s) => ({ topic: s.output })),
      oracles: named.map((s) => ({
        windows: {
          output: s.output,
          input: s.input,
          profile: 'kafka-streams',
          window,
          aggregate: 'count',
          emit: mode.emit === 'suppress' ? 'final' : mode.emit,
          map: { key: 'key', start: 'headers.window-start', end: 'headers.window-end', value: 'value.count' },
        },
      })),
      // ~10 s per stream alone; a batch adds 80 events and 3 tasks per stream to one app
      timeout: `${60 + 10 * streams.length}s`,
      settle: '400ms',
    },
    `window-differential-${mode.kind}-${mode.emit}`,
  )
}

/** How many windows the oracle judges (determined) against how many it knows of. */
export function determinedShare(e: ExpectedWindows): { determined: number; total: number } {
  let boundary = 0
  for (const w of e.windows.values()) if (w.boundary) boundary++
  const total = e.windows.size + (e.lost?.size ?? 0) + e.unclosed.size + e.lateOnly.size + e.tolerated.size + e.indeterminate.length
  return { determined: total - boundary - e.tolerated.size - e.indeterminate.length, total }
}

/** Builds the app once (fixtures/apps/windows/kstreams/build.sh skips when the jar is up to date). */
export function buildKafkaStreamsApp(): void {
  execFileSync('bash', [resolve('fixtures/apps/windows/kstreams/build.sh')], { stdio: ['ignore', 'ignore', 'inherit'] })
}
