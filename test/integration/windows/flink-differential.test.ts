import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Harness } from '../../../src/runner/harness.ts'
import { sharedHarness } from '../helpers/harness.ts'
import { BATCH, FIRST_SEED, STREAMS, modeFilter, percent, runBatch, seedBatches, type StreamShare } from './differential-batch.ts'
import { FLINK_MODES, buildFlinkApp, flinkBatchScenario, flinkGeneratedStream, partitionsOf } from './flink-modes.ts'
import type { SeededStream } from './modes.ts'

/**
 * Issue 15: the flink profile is checked against the real Flink 2.2.1 job (fixtures/apps/windows/flink:
 * MiniCluster, parallelism 1, a watermark on every event, no idleness). Seeded generated streams
 * (disorder, late events, boundary events; stream `seed` on 1, 2 or 3 partitions: flink-modes.ts
 * partitionsOf) go through the job in every window kind with allowedLateness 0 and 2 s; the profile
 * must agree on every window it calls determined. The determined share is reported per mode and per
 * partition count: with one partition the watermark each record sees is exact (all determined); with
 * more the reader's interleaving of partitions is timing, and a window with a record that may be late is
 * indeterminate (not judged). Same settings as the Kafka Streams test (differential-batch.ts):
 * ST_WINDOW_STREAMS (default 2) per mode, ST_WINDOW_SEED, ST_WINDOW_BATCH (default 10 streams per job
 * start), ST_WINDOW_MODES (regex). A disagreeing stream is saved to
 * test-output/windows-differential/flink-<kind>-<lateness>-<seed>.jsonl.
 */
const modes = FLINK_MODES.filter((m) => modeFilter.test(m.name))

let h: Harness
beforeAll(async () => {
  buildFlinkApp()
  h = await sharedHarness()
}, 600_000)
afterAll(() => h?.close())

describe.sequential('Flink job vs the flink profile', () => {
  for (const mode of modes) {
    test(`${mode.name}: ${STREAMS} generated streams, no disagreement; one partition all determined`, async () => {
      const started = Date.now()
      const disagreements: string[] = []
      const shares: StreamShare[] = []
      for (const seeds of seedBatches()) {
        const streams: SeededStream[] = seeds.map((seed) => ({ seed, events: flinkGeneratedStream(mode, seed) }))
        const { scenario, file } = flinkBatchScenario(mode, streams)
        shares.push(...(await runBatch(h, { name: mode.name, tag: `flink-${mode.kind}-${mode.lateness}`, streams, scenario, file }, disagreements)))
      }
      const sum = (of: StreamShare[]) => of.reduce((a, s) => ({ determined: a.determined + s.determined, total: a.total + s.total }), { determined: 0, total: 0 })
      const all = sum(shares)
      const byPartitions = [1, 2, 3].map((p) => ({ p, ...sum(shares.filter((s) => partitionsOf(s.seed) === p)) })).filter((x) => x.total > 0)
      console.log(
        `flink ${mode.name}: ${STREAMS} streams (seeds ${FIRST_SEED}-${FIRST_SEED + STREAMS - 1}, batches of ${BATCH}), ${all.determined} of ${all.total} windows ` +
          `determined (${percent(all)} %; ${byPartitions.map((x) => `${x.p} partition(s): ${x.determined}/${x.total} ${percent(x)} %`).join(', ')}), ` +
          `${disagreements.length} disagreements, ${Math.round((Date.now() - started) / 1000)} s`,
      )
      expect(disagreements, `${mode.name}: the real Flink job disagrees with the flink profile`).toEqual([])
      expect(all.total).toBeGreaterThan(0)
      const one = byPartitions.find((x) => x.p === 1)
      if (one) expect(one.determined, 'one partition, a watermark on every event: the profile knows every window').toBe(one.total)
    }, 90_000 * (Math.ceil(STREAMS / BATCH) + 1))
  }
})
