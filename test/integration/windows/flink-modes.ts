import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import type { Scenario } from '../../../src/scenario/index.ts'
import type { StreamEvent } from '../../../src/stream/event.ts'
import { scenario } from '../helpers/harness.ts'
import { sampleStream, streamTopics, type SeededStream } from './modes.ts'

/** One configuration of the Flink job: a window kind with its sizes, the watermark delay and allowedLateness. */
export interface FlinkMode {
  name: string
  kind: 'tumbling' | 'hopping' | 'session'
  size: number
  advance: number
  gap: number
  /** bounded out-of-orderness d: watermark = max ts - d - 1 */
  delay: number
  lateness: number
}

const KINDS = {
  tumbling: { size: 10_000, advance: 10_000, gap: 0 },
  hopping: { size: 10_000, advance: 5_000, gap: 0 },
  session: { size: 0, advance: 0, gap: 3_000 },
} as const

const DELAY = 2_000

/** Every kind with allowedLateness 0 (each window fires once: emit final) and 2 s (late-but-allowed records fire it again: updates). */
export const FLINK_MODES: FlinkMode[] = (['tumbling', 'hopping', 'session'] as const).flatMap((kind) =>
  [0, 2_000].map((lateness) => ({ name: `${kind}/lateness-${lateness / 1000}s`, kind, ...KINDS[kind], delay: DELAY, lateness })),
)

/** Stream `seed`'s input partitions: 1, 2, 3, 1, 2, ... (one partition is the case the profile knows exactly). */
export const partitionsOf = (seed: number): number => 1 + ((seed - 1) % 3)

/**
 * A seeded stream with disorder, late events and events on window boundaries, or (session) events
 * exactly the gap / gap + 1 after the previous one. Flink's counterpart of Kafka Streams' close time
 * `end + grace` is the stream time that makes a window late, `end + delay + lateness` (late iff
 * `end - 1 + lateness <= max ts - delay - 1`), so the generator aims there; a late event lands exactly
 * that far behind the largest time so far (a session of its own is then exactly late).
 */
export function flinkGeneratedStream(mode: FlinkMode, seed: number): StreamEvent[] {
  const closeAfterEnd = mode.delay + mode.lateness
  return sampleStream(
    seed,
    mode.kind === 'session'
      ? { sessionGapMs: mode.gap, lateByMs: mode.gap + closeAfterEnd }
      : { windowSizeMs: mode.size, windowAdvanceMs: mode.advance, graceMs: closeAfterEnd },
  )
}

/** The job's command line for a mode. */
function jobArgs(mode: FlinkMode): string[] {
  const window = mode.kind === 'session' ? ['--gap', String(mode.gap)] : ['--size', String(mode.size), '--advance', String(mode.advance)]
  return ['../fixtures/apps/windows/flink/run.sh', '--kind', mode.kind, ...window, '--delay', String(mode.delay), '--lateness', String(mode.lateness)]
}

/**
 * A scenario that feeds a batch of streams to ONE Flink job in `mode`: stream i goes to topic events<i>
 * (partitionsOf(seed) partitions), the job (`--in events0,... --out counts0,...`) counts it into
 * counts<i> in its own pipeline (own Kafka source, splits, watermark and window operator), and its own
 * windows oracle (`input: events<i>`, punctuated watermarks: the job emits one on every event) judges it.
 */
export function flinkBatchScenario(mode: FlinkMode, streams: readonly SeededStream[]): { scenario: Scenario; file: string } {
  const window =
    mode.kind === 'session' ? { session: { gap: mode.gap } } : mode.kind === 'hopping' ? { hopping: { size: mode.size, advance: mode.advance } } : { tumbling: mode.size }
  const named = streams.map((s, i) => ({ ...s, ...streamTopics(i) }))
  const topics = Object.fromEntries(
    named.flatMap((s) => [
      [s.input, { partitions: partitionsOf(s.seed), value: 'json' }],
      [s.output, { partitions: 1, value: 'json' }],
    ]),
  )
  const list = (which: 'input' | 'output'): string => named.map((s) => `{{topics.${s[which]}}}`).join(',')
  return scenario(
    {
      name: `flink ${mode.name} agrees with the flink profile (streams ${streams.map((s) => s.seed).join(', ')})`,
      topics,
      input: named.map((s) => ({ topic: s.input, events: s.events })),
      sut: {
        command: 'bash',
        args: [...jobArgs(mode), '--in', list('input'), '--out', list('output')],
        ready: { log: '^ready$' },
        readyTimeout: '3m',
      },
      output: named.map((s) => ({ topic: s.output })),
      oracles: named.map((s) => ({
        windows: {
          output: s.output,
          input: s.input,
          profile: 'flink',
          window,
          delay: mode.delay,
          allowedLateness: mode.lateness,
          flink: { watermarks: 'punctuated' },
          aggregate: 'count',
          emit: mode.lateness > 0 ? 'updates' : 'final',
          map: { key: 'key', start: 'headers.window-start', end: 'headers.window-end', value: 'value.count' },
        },
      })),
      timeout: `${60 + 10 * streams.length}s`,
      settle: '500ms',
    },
    `window-flink-differential-${mode.kind}-${mode.lateness}`,
  )
}

/** Builds the job once (fixtures/apps/windows/flink/build.sh skips when the jar is up to date). */
export function buildFlinkApp(): void {
  execFileSync('bash', [resolve('fixtures/apps/windows/flink/build.sh')], { stdio: ['ignore', 'ignore', 'inherit'] })
}
