import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_CONCURRENCY } from '../src/cli/run.ts'
import type { JsonReport } from '../src/report/json.ts'
import { median, type Benchmark } from './benchmark.ts'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const TIMEOUT_MS = 20 * 60_000

interface SuiteRun {
  seconds: number
  report: JsonReport
}

/**
 * `stream-test run scenarios/ --env local --seed 7 --concurrency n` as a user runs it: its own broker, and
 * the local cluster the broker-fault scenarios need (an external environment would refuse them); its
 * wall time and JSON report.
 */
async function runSuite(concurrency: number, out: string): Promise<SuiteRun> {
  const args = ['bin/stream-test.mjs', 'run', 'scenarios/', '--env', 'local', '--seed', '7', '--concurrency', String(concurrency), '--reporter', 'json', '--out', out]
  const started = performance.now()
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
    const timer = setTimeout(() => (child.kill('SIGINT'), reject(new Error(`scenarios/ at --concurrency ${concurrency} did not end within ${TIMEOUT_MS / 60_000} min`))), TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', (c) => (clearTimeout(timer), resolve(c)))
  })
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`scenarios/ at --concurrency ${concurrency} exited ${code}: a scenario did not end as it expects (report: ${out})`)
  return { seconds, report: JSON.parse(await readFile(out, 'utf8')) as JsonReport }
}

const outcome = (r: JsonReport) => r.scenarios.map((s) => `${s.file}:${s.verdict}:${s.asExpected}`).join('\n')
const phaseMedian = (r: JsonReport, phase: string) => median(r.scenarios.map((s) => s.phases[phase] ?? 0))

/**
 * Suite wall time: the shipped scenarios/ at `--concurrency 1` and at the default, one after the
 * other in the same repetition (so both see the same machine), each as the CLI runs it on its own
 * local broker; the exclusive scenarios (broker and network faults, on a local cluster) run alone at
 * any concurrency, so they weigh the same in both. The ratio
 * default / 1 is the number to hold (target <= 0.5). The summary compares the outcomes scenario by
 * scenario and how much the median SUT start and quiescence grew when scenarios share the machine.
 */
export const suiteWall: Benchmark = {
  id: 'suite',
  title: `suite wall time: scenarios/ at --concurrency 1 and ${DEFAULT_CONCURRENCY}`,
  repetitions: 1,
  metrics: [
    { key: 'one', name: 'scenarios/ at --concurrency 1', unit: 's', digits: 1 },
    { key: 'many', name: `scenarios/ at --concurrency ${DEFAULT_CONCURRENCY} (the default)`, unit: 's', digits: 1 },
    { key: 'ratio', name: `--concurrency ${DEFAULT_CONCURRENCY} / --concurrency 1`, unit: 'ratio', target: { op: '<=', value: 0.5 } },
  ],
  async start(ctx) {
    const lines: string[] = []
    return {
      async repeat(i) {
        ctx.progress(`suite: scenarios/ at --concurrency 1`)
        const one = await runSuite(1, join(ctx.tmp, `suite-1-${i}.json`))
        ctx.progress(`suite: scenarios/ at --concurrency ${DEFAULT_CONCURRENCY}`)
        const many = await runSuite(DEFAULT_CONCURRENCY, join(ctx.tmp, `suite-${DEFAULT_CONCURRENCY}-${i}.json`))
        const same = outcome(one.report) === outcome(many.report)
        lines.push(
          `suite: ${one.report.scenarios.length} scenarios, ${same ? 'the same verdict and expectation met for every scenario at both' : 'OUTCOMES DIFFER between the two'}; sum of scenario times ${(one.report.scenarios.reduce((n, s) => n + s.durationMs, 0) / 1000).toFixed(1)} s`,
          `suite: median phase per scenario at 1 → ${DEFAULT_CONCURRENCY}: sut-start ${phaseMedian(one.report, 'sut-start').toFixed(0)} → ${phaseMedian(many.report, 'sut-start').toFixed(0)} ms, quiescence ${phaseMedian(one.report, 'quiescence').toFixed(0)} → ${phaseMedian(many.report, 'quiescence').toFixed(0)} ms`,
        )
        return { one: one.seconds, many: many.seconds, ratio: many.seconds / one.seconds }
      },
      summary: () => lines,
    }
  },
}
