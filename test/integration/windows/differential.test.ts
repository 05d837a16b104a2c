import { mkdirSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expectedWindows } from '../../../src/oracle/windows/index.ts'
import type { ProduceOp } from '../../../src/replay/plan.ts'
import { buildPlan } from '../../../src/replay/build-plan.ts'
import type { Harness } from '../../../src/runner/harness.ts'
import { loadInputs } from '../../../src/runner/inputs.ts'
import { runScenario } from '../../../src/runner/run-scenario.ts'
import { toOracleWindowSpec } from '../../../src/runner/window-spec.ts'
import { sharedHarness } from '../helpers/harness.ts'
import { MODES, buildKafkaStreamsApp, determinedShare, differentialScenario, generatedStream } from './modes.ts'

/**
 * DESIGN.md "windows": the kafka-streams profile is checked against the real engine. Seeded generated
 * streams (disorder, late events, boundary events, 3 partitions) go through the Kafka Streams 4.4.0 app
 * (fixtures/apps/windows/kstreams) in every window kind and emit mode; the oracle must agree on every
 * window it calls determined, and call at least 95 % of windows determined.
 * ST_WINDOW_STREAMS (default 2, for CI: ~10 s per stream, 12 modes) streams per mode; ST_WINDOW_MODES filters modes by a regex.
 * A disagreeing stream is written to test-output/windows-differential/ for replay.
 */
const STREAMS = Number(process.env.ST_WINDOW_STREAMS ?? 2)
const FIRST_SEED = Number(process.env.ST_WINDOW_SEED ?? 1)
const modes = MODES.filter((m) => new RegExp(process.env.ST_WINDOW_MODES ?? '.').test(m.name))

let h: Harness
beforeAll(async () => {
  buildKafkaStreamsApp()
  h = await sharedHarness()
}, 600_000)
afterAll(() => h?.close())

describe.sequential('Kafka Streams app vs the kafka-streams profile', () => {
  for (const mode of modes) {
    test(`${mode.name}: ${STREAMS} generated streams, no disagreement, >= 95 % determined`, async () => {
      const disagreements: string[] = []
      let determined = 0
      let total = 0
      for (let seed = FIRST_SEED; seed < FIRST_SEED + STREAMS; seed++) {
        const events = generatedStream(mode, seed)
        const { scenario: s, file } = differentialScenario(mode, events, seed)
        const r = await runScenario(h, s, file, { seed })
        expect(r.error, `${mode.name} stream ${seed}: ${r.sutOutput.join('\n')}`).toBeUndefined()

        const oracle = s.oracles.find((o) => o.kind === 'windows')
        if (oracle?.kind !== 'windows') throw new Error('the scenario has no windows oracle')
        const plan = buildPlan(await loadInputs(s, file), [], seed)
        const ops = plan.ops.filter((op): op is ProduceOp => op.kind === 'produce')
        const share = determinedShare(expectedWindows(ops, toOracleWindowSpec(oracle, s)))
        determined += share.determined
        total += share.total

        if (r.violations.length > 0) {
          const dir = 'test-output/windows-differential'
          mkdirSync(dir, { recursive: true })
          const at = `${dir}/${mode.kind}-${mode.emit}-${seed}.jsonl`
          writeFileSync(at, events.map((e) => JSON.stringify(e)).join('\n') + '\n')
          for (const v of r.violations) disagreements.push(`stream ${seed} (${at}): ${v.kind} ${v.message}`)
        }
      }
      expect(disagreements, `${mode.name}: the real engine disagrees with the kafka-streams profile`).toEqual([])
      expect(total).toBeGreaterThan(0)
      expect(determined / total).toBeGreaterThanOrEqual(0.95)
    }, 60_000 * STREAMS)
  }
})
