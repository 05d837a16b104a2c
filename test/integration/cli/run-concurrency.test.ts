import { randomUUID } from 'node:crypto'
import { afterAll, expect, inject, test } from 'vitest'
import type { JsonReport } from '../../../src/report/json.ts'
import { useSharedKafka } from '../helpers/kafka.ts'
import { envWithout, spawnCli } from './spawn-cli.ts'

/**
 * The same verdicts at every concurrency, on a fast subset of the shipped scenarios (two correct apps,
 * two bugs caught, one of them a crash): `--concurrency 4 --seed 7` against `--concurrency 1 --seed 7`.
 * The whole folder is the documented command in docs/concurrency.md.
 */
const conn = inject('kafka')
const prefix = `cc${randomUUID().slice(0, 6)}.`
const env = { ...envWithout('KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'STREAM_TEST_ENV'), ST_TOPIC_PREFIX: prefix }
const { admin } = useSharedKafka('run-concurrency-test')
afterAll(async () => {
  const left = (await admin.listTopics()).filter((t) => t.startsWith(prefix))
  if (left.length > 0) await admin.deleteTopics({ topics: left })
})
const SUBSET = '(window-counter|window-counter-ignore-grace|enricher-transactional|enricher-commit-first)\\.scenario'

async function runAt(concurrency: number): Promise<JsonReport> {
  const args = ['run', 'scenarios/', '--filter', SUBSET, '--env', 'external', '--brokers', conn.brokers.join(','), '--registry', conn.registryUrl]
  const r = await spawnCli([...args, '--seed', '7', '--concurrency', String(concurrency), '--reporter', 'json'], env, 150_000)
  expect(r.stderr).not.toMatch(/internal error|TypeError/)
  expect(r.code, r.stdout.slice(0, 2000)).toBe(0)
  return JSON.parse(r.stdout) as JsonReport
}

const outcomes = (report: JsonReport) =>
  report.scenarios.map((s) => ({ file: s.file, verdict: s.verdict, asExpected: s.asExpected, kinds: [...new Set(s.violations.map((v) => v.kind))].sort() }))

test('--concurrency 4 --seed 7 gives every scenario the outcome of --concurrency 1 --seed 7, listed in file order', async () => {
  const one = await runAt(1)
  const four = await runAt(4)
  expect(outcomes(one).map((o) => o.file)).toEqual([
    'scenarios/enricher-commit-first.scenario.yaml',
    'scenarios/enricher-transactional.scenario.yaml',
    'scenarios/window-counter-ignore-grace.scenario.yaml',
    'scenarios/window-counter.scenario.yaml',
  ])
  expect(outcomes(one).filter((o) => o.verdict === 'fail')).toHaveLength(2)
  expect(outcomes(four)).toEqual(outcomes(one))
  // they did overlap: the run took less than its scenarios one after another
  const sum = four.scenarios.reduce((n, s) => n + s.durationMs, 0)
  expect(four.durationMs).toBeLessThan(sum)
  expect(one.durationMs).toBeGreaterThanOrEqual(one.scenarios.reduce((n, s) => n + s.durationMs, 0))
}, 300_000)
