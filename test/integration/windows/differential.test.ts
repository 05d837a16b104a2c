import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Harness } from '../../../src/runner/harness.ts'
import { sharedHarness } from '../helpers/harness.ts'
import { BATCH, FIRST_SEED, STREAMS, modeFilter, percent, runBatch, seedBatches } from './differential-batch.ts'
import { MODES, batchScenario, buildKafkaStreamsApp, generatedStream, type SeededStream } from './modes.ts'

/**
 * DESIGN.md "windows": the kafka-streams profile is checked against the real engine. Seeded generated
 * streams (disorder, late events, boundary events, 3 partitions) go through the Kafka Streams 4.4.0 app
 * (fixtures/apps/windows/kstreams) in every window kind and emit mode; the oracle must agree on every
 * window it calls determined, and call at least 95 % of windows determined.
 * ST_WINDOW_STREAMS (default 2, for CI) streams per mode, starting at seed ST_WINDOW_SEED (default 1);
 * ST_WINDOW_MODES filters modes by a regex. The streams of a mode run in batches of ST_WINDOW_BATCH
 * (default 10): one app start per batch, one sub-topology and one windows oracle per stream
 * (modes.ts batchScenario), ~10 s per batch plus ~1-2 s per stream.
 * A disagreeing stream is written to test-output/windows-differential/<kind>-<emit>-<seed>.jsonl;
 * ST_WINDOW_SEED=<seed> ST_WINDOW_STREAMS=1 runs it alone.
 */
const modes = MODES.filter((m) => modeFilter.test(m.name))

let h: Harness
beforeAll(async () => {
  buildKafkaStreamsApp()
  h = await sharedHarness()
}, 600_000)
afterAll(() => h?.close())

describe.sequential('Kafka Streams app vs the kafka-streams profile', () => {
  for (const mode of modes) {
    test(`${mode.name}: ${STREAMS} generated streams, no disagreement, >= 95 % determined`, async () => {
      const started = Date.now()
      const tally = { determined: 0, total: 0, disagreements: [] as string[] }
      for (const seeds of seedBatches()) {
        const streams: SeededStream[] = seeds.map((seed) => ({ seed, events: generatedStream(mode, seed) }))
        const { scenario, file } = batchScenario(mode, streams)
        for (const s of await runBatch(h, { name: mode.name, tag: `${mode.kind}-${mode.emit}`, streams, scenario, file }, tally.disagreements)) {
          tally.determined += s.determined
          tally.total += s.total
        }
      }
      const share = percent(tally)
      console.log(
        `${mode.name}: ${STREAMS} streams (seeds ${FIRST_SEED}-${FIRST_SEED + STREAMS - 1}, batches of ${BATCH}), ${tally.determined} of ${tally.total} windows ` +
          `determined (${share} %), ${tally.disagreements.length} disagreements, ${Math.round((Date.now() - started) / 1000)} s`,
      )
      expect(tally.disagreements, `${mode.name}: the real engine disagrees with the kafka-streams profile`).toEqual([])
      expect(tally.total).toBeGreaterThan(0)
      expect(tally.determined / tally.total).toBeGreaterThanOrEqual(0.95)
    }, 60_000 * (STREAMS + 1))
  }
})
