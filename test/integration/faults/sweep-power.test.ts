import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Harness } from '../../../src/runner/harness.ts'
import { runScenario } from '../../../src/runner/run-scenario.ts'
import { enricherScenario, orderEvents, sharedHarness } from '../helpers/harness.ts'

/**
 * Catch rate of one seeded kill at the default placement (first effect of event N): every seed must
 * catch both textbook bugs. CI runs 5 seeds; the 20-seed measurement is
 *   ST_SWEEP_SEEDS=20 npx vitest run --project integration test/integration/faults/sweep-power.test.ts
 * Seeds are fixed (1..N), so a miss is repeatable with `--seed`.
 */
const SEEDS = Array.from({ length: Number(process.env.ST_SWEEP_SEEDS ?? 5) }, (_, i) => i + 1)

const events = orderEvents(60)

const enricher = (file: string, extra: string[]) =>
  enricherScenario({ name: `${file} under one seeded kill`, command: 'node', args: [`../fixtures/apps/enricher/${file}`, ...extra], events, perturb: [{ 'crash-sut': { seeded: true } }] })

let h: Harness
beforeAll(async () => {
  h = await sharedHarness()
})
afterAll(() => h.close())

test.each([
  ['at-least-once.mjs', ['--commit-interval', '2000'], 'duplicated'],
  // 50 ms of work per chunk of 5 between the commit and the outputs (the app's default has none: its
  // window is a few ms, and a kill lands in it on 2 of 5 seeds)
  ['commit-first.mjs', ['--work-ms', '50'], 'lost'],
] as const)('%s is caught on every seed of the sweep (%j): %s', async (file, extra, kind) => {
  const { scenario: s, file: path } = enricher(file, [...extra])
  const outcomes: string[] = []
  for (const seed of SEEDS) {
    const r = await runScenario(h, s, path, { seed })
    const kinds = [...new Set(r.violations.map((v) => v.kind))]
    outcomes.push(`seed ${seed}: ${r.verdict}${r.error ? ` (${r.error})` : ''} ${kinds.join(',')} [${r.crashes.map((c) => c.trigger).join(',')}]`)
  }
  process.stderr.write(`[sweep-power] ${file}: ${outcomes.filter((o) => o.includes(kind)).length} of ${SEEDS.length} caught\n  ${outcomes.join('\n  ')}\n`)
  expect(outcomes.filter((o) => !o.includes(`fail`) || !o.includes(kind))).toEqual([])
}, 60_000 * (SEEDS.length + 1))
