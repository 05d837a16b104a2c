import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startLocalEnvironment } from '../../../src/env/local/index.ts'
import { openHarness, type Harness } from '../../../src/runner/harness.ts'
import { runScenario } from '../../../src/runner/run-scenario.ts'
import { scenario, sharedHarness } from '../helpers/harness.ts'

/** The harness could not judge: each is an `error` verdict with the cause in one line, never a hang. */
const events = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: { n: i }, ts: 1_700_000_000_000 + i }))
const base = (sut: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  scenario({
    name: 'error verdicts',
    topics: { in: { partitions: 1 }, out: { partitions: 1 } },
    input: [{ topic: 'in', events }],
    sut,
    output: [{ topic: 'out' }],
    oracles: [{ 'exactly-once': { output: 'out' } }],
    timeout: '4s',
    ...extra,
  })

let h: Harness
beforeAll(async () => {
  h = await sharedHarness()
})
afterAll(() => h.close())

test('a SUT that crashes on start: error naming the command and its exit code, with its last output', async () => {
  const { scenario: s, file } = base({ command: 'node', args: ['-e', 'console.error("boom: no config"); process.exit(3)'], ready: { log: 'ready' } })
  const r = await runScenario(h, s, file, { seed: 1 })
  expect(r.verdict).toBe('error')
  expect(r.error).toMatch(/exit(ed)? .*3|code 3/)
  expect(r.sutOutput.join('\n')).toContain('boom: no config')
})

test('a SUT that never catches up: error naming the group lag per partition', async () => {
  // ready, then idle: it never consumes, so its group never commits
  const { scenario: s, file } = base({ command: 'node', args: ['-e', 'console.log("ready"); setInterval(() => {}, 1000)'], ready: { log: 'ready' } })
  const r = await runScenario(h, s, file, { seed: 1 })
  expect(r.verdict).toBe('error')
  expect(r.error).toMatch(/not quiescent after 4000 ms: group st\.[0-9a-f]+\.sut: .*in\[0\] committed 0 of 10 \(lag 10\)/)
})

test('stream-test run exits 3 on an error verdict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'st-err-'))
  const file = join(dir, 'crash.scenario.yaml')
  writeFileSync(
    file,
    [
      'name: crashes on start',
      'topics: { in: { partitions: 1 }, out: { partitions: 1 } }',
      'input: [{ topic: in, events: [{ key: a, value: 1, ts: 1 }] }]',
      "sut: { command: node, args: ['-e', 'process.exit(4)'], ready: { log: ready } }",
      'output: [{ topic: out }]',
      'oracles: [{ exactly-once: { output: out } }]',
    ].join('\n'),
  )
  const env = { ...process.env, STREAM_TEST_ENV: 'external', KAFKA_BROKERS: h.env.connection.brokers.join(','), SCHEMA_REGISTRY_URL: h.env.connection.registryUrl }
  const res = spawnSync(process.execPath, ['bin/stream-test.mjs', 'run', file, '--seed', '5'], { env, encoding: 'utf8', timeout: 60_000 })
  expect(res.status).toBe(3)
  expect(res.stdout).toContain('crashes on start')
  expect(res.stdout).toContain('--seed 5')
})

test('a broker killed mid-run: error verdict in one line, no hang', async () => {
  const env = await startLocalEnvironment()
  const own = await openHarness(env)
  try {
    const { scenario: s, file } = base(
      { command: 'node', args: ['../fixtures/apps/enricher/at-least-once.mjs', '--in', '{{topics.in}}', '--out', '{{topics.out}}'], ready: { log: 'ready' } },
      { perturb: [{ 'restart-broker': { at: 5 } }], timeout: '8s' },
    )
    // this run's restart-broker step stops the broker for good: the rest of the run meets a dead broker
    const killing = { ...own, env: { ...env, restartBroker: () => env.stop() } }
    const r = await runScenario(killing, s, file, { seed: 1 })
    expect(r.verdict).toBe('error')
    expect(r.error).toBeTruthy()
    expect(r.error?.split('\n')).toHaveLength(1)
  } finally {
    await own.close().catch(() => undefined)
    await env.stop()
  }
}, 120_000)
