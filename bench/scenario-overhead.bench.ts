import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openHarness } from '../src/runner/harness.ts'
import { runScenario } from '../src/runner/run-scenario.ts'
import { loadScenario } from '../src/scenario/index.ts'
import { median, type Benchmark } from './benchmark.ts'
import { writeJsonl } from './events.ts'

const EVENTS = 100
const PASSTHROUGH = fileURLToPath(new URL('../fixtures/apps/passthrough.mjs', import.meta.url))

function scenarioYaml(fixture: string): string {
  return `name: bench pass-through, ${EVENTS} events
topics:
  in:  { partitions: 1, value: json }
  out: { partitions: 1, value: json }
input:
  - topic: in
    fixture: ${JSON.stringify(fixture)}
sut:
  command: ${JSON.stringify(process.execPath)}
  args: [${JSON.stringify(PASSTHROUGH)}, --in, "{{topics.in}}", --out, "{{topics.out}}"]
  ready: { log: "ready" }
output:
  - topic: out
    id: headers.st-id
oracles:
  - exactly-once: { output: out }
expect: { verdict: pass }
timeout: 60s
settle: 300ms
`
}

/**
 * Per-scenario overhead: one scenario (pass-through SUT, 100 events, broker already up) through
 * openHarness + runScenario, from start to verdict; the summary shows the median of each phase.
 */
export const scenarioOverhead: Benchmark = {
  id: 'scenario',
  title: 'per-scenario overhead',
  metrics: [{ key: 'ms', name: `pass-through SUT, ${EVENTS} events: start to verdict`, unit: 'ms', target: { op: '<=', value: 1500 }, digits: 0 }],
  async start(ctx) {
    const env = await ctx.env()
    const fixture = join(ctx.tmp, 'scenario-100.jsonl')
    const file = join(ctx.tmp, 'bench.scenario.yaml')
    await writeJsonl(fixture, EVENTS)
    await writeFile(file, scenarioYaml(fixture))
    const scenario = await loadScenario(file)
    const harness = await openHarness(env)
    const phases: Record<string, number>[] = []
    return {
      async repeat() {
        const r = await runScenario(harness, scenario, file, { seed: 1 })
        if (r.verdict !== 'pass') throw new Error(`scenario verdict ${r.verdict}: ${r.error ?? r.violations.map((v) => v.kind).join(', ')}`)
        phases.push(r.phases)
        return { ms: r.durationMs }
      },
      summary() {
        const names = [...new Set(phases.flatMap((p) => Object.keys(p)))]
        const parts = names.map((n) => [n, median(phases.map((p) => p[n] ?? 0))] as const).sort((a, b) => b[1] - a[1])
        return [`scenario: median phases (ms), largest first: ${parts.map(([n, v]) => `${n} ${v.toFixed(0)}`).join(', ')}`]
      },
      close: () => harness.close(),
    }
  },
}
