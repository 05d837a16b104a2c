// Catch rate of one scenario over seeds, each seed one run (no sweep), on one environment:
//   npx tsx scripts/catch-rate.mts <scenario file> [seeds=10] [first seed=1]
// Prints one line per seed (verdict, violation kinds, fault records) and the count caught as expected.
import { startLocalEnvironment } from '../src/env/local/index.ts'
import { openHarness } from '../src/runner/harness.ts'
import { runScenario } from '../src/runner/run-scenario.ts'
import { environmentNeeds, loadScenario } from '../src/scenario/index.ts'
import { renderCrash } from '../src/report/render-violation.ts'

const [file, seedsText = '10', firstText = '1'] = process.argv.slice(2)
if (!file) throw new Error('usage: npx tsx scripts/catch-rate.mts <scenario file> [seeds] [first seed]')
const scenario = await loadScenario(file)
const needs = environmentNeeds(scenario)
const env = await startLocalEnvironment(needs.cluster ? { nodes: needs.nodes, proxy: true } : {})
let asExpected = 0
const seeds = Number(seedsText)
try {
  const h = await openHarness(env)
  for (let seed = Number(firstText); seed < Number(firstText) + seeds; seed++) {
    const r = await runScenario(h, { ...scenario, runs: 1 }, file, { seed })
    if (r.asExpected) asExpected++
    const kinds = [...new Set(r.violations.map((v) => v.kind))].join(',') || '-'
    console.log(`seed ${seed}: ${r.verdict}${r.error ? ` (${r.error})` : ''} ${kinds} ${r.asExpected ? 'as expected' : 'NOT as expected'} | ${r.crashes.map(renderCrash).join(' | ')}`)
    // the evidence of an unexpected outcome: its first violations and the SUT's last lines
    if (!r.asExpected) for (const line of [...r.violations.slice(0, 5).map((v) => `  ${v.kind}: ${v.message}`), ...r.sutOutput.map((l) => `  | ${l}`)]) console.log(line)
  }
  await h.close()
} finally {
  await env.stop()
}
console.log(`${file}: ${asExpected} of ${seeds} seeds as expected (${scenario.expect.verdict}${scenario.expect.violations.length ? `: ${scenario.expect.violations.join(', ')}` : ''})`)
