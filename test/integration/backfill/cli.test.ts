import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, inject, test } from 'vitest'
import { createRunTopics } from '../../../src/kafka/run-namespace.ts'
import { envWithout, spawnCli } from '../cli/spawn-cli.ts'
import { useSharedKafka } from '../helpers/kafka.ts'

/** `stream-test backfill --dry-run` as people type it: flags, exit codes, reports, the shadow prefix. */
const conn = inject('kafka')
const brokers = conn.brokers.join(',')
const dir = mkdtempSync(join(tmpdir(), 'st-backfill-'))
const env = envWithout('KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'STREAM_TEST_ENV')
const BASE_TS = Date.now() - 3_600_000
const order = (i: number) => ({ key: `c-${(i % 30) + 1}`, value: { orderId: `o-${i}`, customer: `c-${(i % 30) + 1}`, amount: (i % 9) + 1 }, ts: BASE_TS + i })
const orders = Array.from({ length: 300 }, (_, i) => order(i))
const enriched = (o: ReturnType<typeof order>) => ({ ...o, value: { ...o.value, enriched: true } })
const jsonl = (events: unknown[]) => `${events.map((e) => JSON.stringify(e)).join('\n')}\n`
const NEW = "--sut=node fixtures/apps/backfill/changed-enricher.mjs"
const OLD = 'node fixtures/apps/enricher/at-least-once.mjs --chunk 100 --commit-interval 0'

const { kafka, admin } = useSharedKafka('backfill-cli-test')
beforeAll(async () => {
  writeFileSync(join(dir, 'orders.jsonl'), jsonl(orders))
})

test('fixture input, old SUT as baseline, on an external cluster under a shadow prefix: JSON diff, exit 1, no shadow topic left', async () => {
  const prefix = `bf${randomUUID().slice(0, 6)}.`
  const res = await spawnCli(
    ['backfill', '--dry-run', '--input', join(dir, 'orders.jsonl'), NEW, '--baseline-sut', OLD, '--ready', 'ready',
      '--env', 'external', '--brokers', brokers, '--registry', conn.registryUrl, '--shadow-prefix', prefix, '--reporter', 'json', '--timeout', '30000'],
    env,
    90_000,
  )
  expect(res.stderr).not.toMatch(/internal error/)
  expect(res.code).toBe(1)
  const report = JSON.parse(res.stdout) as { counts: Record<string, number>; diff: { changed: { key: string; baseline: { amount: number }; candidate: { amount: number } }[] }; candidate: { runId: string; env: string } }
  expect(report.counts).toEqual({ baselineKeys: 30, newKeys: 30, unchanged: 26, added: 0, removed: 0, changed: 4 })
  expect(report.diff.changed.map((c) => c.key)).toEqual(['c-7', 'c-14', 'c-21', 'c-28'])
  expect(report.diff.changed.every((c) => c.candidate.amount === c.baseline.amount + 1)).toBe(true)
  expect(report.candidate.env).toBe('external')
  expect((await admin.listTopics()).filter((t) => t.startsWith(prefix))).toEqual([])
}, 120_000)

test('a recorded output fixture as baseline, the same transform as the new SUT: console report, exit 0', async () => {
  writeFileSync(join(dir, 'enriched.jsonl'), jsonl(orders.map(enriched)))
  const res = await spawnCli(
    ['backfill', '--dry-run', '--input', join(dir, 'orders.jsonl'), `--sut=${OLD}`, '--baseline', join(dir, 'enriched.jsonl'), '--ready', 'ready',
      '--env', 'external', '--brokers', brokers, '--registry', conn.registryUrl, '--shadow-prefix', `bf${randomUUID().slice(0, 6)}.`, '--timeout', '30000'],
    env,
    90_000,
  )
  expect(res.code).toBe(0)
  expect(res.stdout).toContain('per key: 30 unchanged, 0 added, 0 removed, 0 changed')
  expect(res.stdout).toContain('no differences per key')
})

test('a time range of a source topic, diffed against the same range of its output topic, read-only, SUTs on a fresh local broker', async () => {
  const id = randomUUID().slice(0, 8)
  const [source, output] = [`prod.orders.${id}`, `prod.enriched.${id}`]
  await createRunTopics(admin, [{ name: source, partitions: 2 }, { name: output, partitions: 2 }])
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  const msg = (o: ReturnType<typeof order>) => ({ key: o.key, value: JSON.stringify(o.value), timestamp: String(o.ts) })
  await producer.send({ topic: source, messages: orders.map(msg) })
  await producer.send({ topic: output, messages: orders.map(enriched).map(msg) })
  await producer.disconnect()
  const res = await spawnCli(
    ['backfill', '--dry-run', '--source-brokers', brokers, '--source-topic', source, '--from', String(BASE_TS + 100), '--to', String(BASE_TS + 199),
      '--baseline-topic', output, `--sut=${OLD}`, '--ready', 'ready', '--reporter', 'json', '--timeout', '30000'],
    env,
    120_000,
  )
  expect(res.stderr).not.toMatch(/internal error/)
  expect(res.code).toBe(0)
  const report = JSON.parse(res.stdout) as { input: { events: number }; baseline: { records: number }; counts: Record<string, number>; sourceReadGroups: string[]; candidate: { env: string } }
  expect([report.input.events, report.baseline.records, report.candidate.env]).toEqual([100, 100, 'local'])
  expect(report.counts).toMatchObject({ unchanged: 30, added: 0, removed: 0, changed: 0 })
  expect(report.sourceReadGroups).toHaveLength(2)
  for (const groupId of report.sourceReadGroups) {
    const committed = await admin.fetchOffsets({ groupId, topics: [source, output] })
    expect(committed.flatMap((t) => t.partitions.map((p) => p.offset))).toEqual(['-1', '-1', '-1', '-1'])
  }
}, 150_000)

test('the new SUT may not run on the source cluster: exit 3 naming both, nothing created there', async () => {
  const source = `prod.orders.${randomUUID().slice(0, 8)}`
  await createRunTopics(admin, [{ name: source, partitions: 1 }])
  const prefix = `bf${randomUUID().slice(0, 6)}.`
  const res = await spawnCli(
    ['backfill', '--dry-run', '--source-brokers', brokers, '--source-topic', source, `--sut=${OLD}`, '--baseline', join(dir, 'orders.jsonl'),
      '--env', 'external', '--brokers', brokers, '--shadow-prefix', prefix],
    env,
  )
  expect(res.code).toBe(3)
  expect(res.stderr).toMatch(/the environment for the new SUT \(.*\) is the source cluster/)
  expect((await admin.listTopics()).filter((t) => t.startsWith(prefix))).toEqual([])
})

test('without --dry-run: exit 2 before anything starts', async () => {
  const res = await spawnCli(['backfill', '--input', 'x.jsonl', `--sut=${OLD}`, '--baseline', 'y.jsonl'], env)
  expect(res.code).toBe(2)
  expect(res.stderr).toContain('only --dry-run is supported')
})
