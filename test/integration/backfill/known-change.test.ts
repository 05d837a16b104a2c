import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { backfillDryRun, flagScenario, FLAG_INPUT, FLAG_OUTPUT, processSut, type BackfillReport } from '../../../src/backfill/index.ts'
import type { Environment } from '../../../src/env/index.ts'
import { startLocalEnvironment } from '../../../src/env/local/index.ts'
import { createRunTopics } from '../../../src/kafka/run-namespace.ts'
import { openHarness, type Harness } from '../../../src/runner/harness.ts'
import { useSharedKafka } from '../helpers/kafka.ts'

/**
 * The shared broker plays production: it holds the source topic (100,000 orders of 3,000 customers)
 * and is only ever read. The SUTs run on a second, fresh local broker. The new SUT adds a fee for
 * customers whose number is divisible by 7: the per-key diff must name exactly those customers.
 */
const EVENTS = 100_000
const CUSTOMERS = 3_000
const PARTITIONS = 3
const source = inject('kafka')
const ROOT = process.cwd()

const { kafka, admin } = useSharedKafka('backfill-test')
let target: Environment
let h: Harness

beforeAll(async () => {
  target = await startLocalEnvironment()
  h = await openHarness(target)
})
afterAll(async () => {
  await h?.close()
  await target?.stop()
})

// recent event times: a broker deletes records older than its retention (7 days) even from a new topic
const BASE_TS = Date.now() - 3_600_000
const order = (i: number) => {
  const n = (i % CUSTOMERS) + 1
  return { key: `c-${n}`, value: { orderId: `o-${i}`, customer: `c-${n}`, amount: (i % 50) + 1 }, ts: BASE_TS + i }
}

async function createSource(): Promise<string> {
  const topic = `prod.orders.${randomUUID().slice(0, 8)}`
  await createRunTopics(admin, [{ name: topic, partitions: PARTITIONS }])
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  try {
    for (let start = 0; start < EVENTS; start += 10_000) {
      const messages = Array.from({ length: 10_000 }, (_, j) => {
        const o = order(start + j)
        return { key: o.key, value: JSON.stringify(o.value), timestamp: String(o.ts) }
      })
      await producer.send({ topic, messages, acks: -1 })
    }
  } finally {
    await producer.disconnect()
  }
  return topic
}

interface BrokerState {
  topics: string[]
  /** topic -> partition -> end offset; internal topics left out (group membership lands in __consumer_offsets) */
  ends: Record<string, Record<number, string>>
  groups: string[]
  /** group -> "topic/partition" -> committed offset */
  offsets: Record<string, Record<string, string>>
}

async function snapshot(): Promise<BrokerState> {
  const topics = (await admin.listTopics()).sort()
  const ends: BrokerState['ends'] = {}
  for (const t of topics.filter((t) => !t.startsWith('__'))) {
    ends[t] = Object.fromEntries((await admin.fetchTopicOffsets(t)).map((p) => [p.partition, p.high]))
  }
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId).sort()
  const offsets: BrokerState['offsets'] = {}
  for (const g of groups) offsets[g] = await committed(g)
  return { topics, ends, groups, offsets }
}

async function committed(groupId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const t of await admin.fetchOffsets({ groupId })) for (const p of t.partitions) out[`${t.topic}/${p.partition}`] = p.offset
  return out
}

/** Differences between two snapshots, as lines; a concurrently running test file may add its own. */
function changes(before: BrokerState, after: BrokerState): string[] {
  const out: string[] = []
  for (const t of after.topics) if (!before.topics.includes(t)) out.push(`topic created: ${t}`)
  for (const t of before.topics) if (!after.topics.includes(t)) out.push(`topic deleted: ${t}`)
  for (const [t, ends] of Object.entries(before.ends)) {
    if (after.ends[t] && JSON.stringify(after.ends[t]) !== JSON.stringify(ends)) out.push(`end offsets of ${t}: ${JSON.stringify(ends)} -> ${JSON.stringify(after.ends[t])}`)
  }
  for (const g of after.groups) if (!before.groups.includes(g)) out.push(`group created: ${g}`)
  for (const [g, o] of Object.entries(before.offsets)) {
    if (after.offsets[g] && JSON.stringify(after.offsets[g]) !== JSON.stringify(o)) out.push(`offsets of group ${g}: ${JSON.stringify(o)} -> ${JSON.stringify(after.offsets[g])}`)
  }
  return out
}

test(`a backfill of ${EVENTS} events through a changed enricher reports exactly the changed keys, and leaves the source cluster as it was`, async () => {
  const topic = await createSource()
  const before = await snapshot()
  const ready = 'ready'
  const scenario = flagScenario({ sut: ['node', 'fixtures/apps/backfill/changed-enricher.mjs'], cwd: ROOT, ready, valueFormat: 'json', timeoutMs: 90_000, settleMs: 500 })
  const t0 = Date.now()
  const log = (line: string): void => void process.stderr.write(`[backfill +${Date.now() - t0} ms] ${line}\n`)
  const report: BackfillReport = await backfillDryRun({
    scenario,
    file: `${ROOT}/backfill`,
    inputTopic: FLAG_INPUT,
    outputTopic: FLAG_OUTPUT,
    input: { kind: 'topic', topic },
    baseline: { kind: 'sut', sut: processSut(['node', 'fixtures/apps/enricher/at-least-once.mjs', '--chunk', '500', '--commit-interval', '0'], ROOT, ready) },
    source,
    target: h,
    sameOutputPartitions: true,
    log,
  })
  const after = await snapshot()
  log(`done; run phases: ${JSON.stringify(report.phases)}`)

  // the known change, exactly: customers divisible by 7, nothing added or removed
  const expected = Array.from({ length: CUSTOMERS }, (_, i) => i + 1).filter((n) => n % 7 === 0).map((n) => `c-${n}`)
  expect(report.input.events).toBe(EVENTS)
  expect(report.input.partitions).toBe(PARTITIONS)
  expect(report.diff.changed.map((c) => c.key)).toEqual(expected)
  expect(report.diff.added).toEqual([])
  expect(report.diff.removed).toEqual([])
  expect(report.diff.unchanged).toBe(CUSTOMERS - expected.length)
  expect([report.baseline.keys, report.candidate.keys]).toEqual([CUSTOMERS, CUSTOMERS])
  expect(report.candidate.records).toBeGreaterThanOrEqual(EVENTS)
  // both values of a change: the last order of c-7 (i = 99,006) with and without the fee
  const last7 = order(Math.floor((EVENTS - 1 - 6) / CUSTOMERS) * CUSTOMERS + 6)
  expect(last7.value.orderId).toBe('o-99006')
  expect(report.diff.changed[0]).toEqual({ key: 'c-7', baseline: { ...last7.value, enriched: true }, candidate: { ...last7.value, amount: last7.value.amount + 1, enriched: true } })

  // the source cluster: the source topic untouched, nothing of the dry-run created there, and the only
  // groups the dry-run used are its read-only readers, which hold no committed offset
  expect(report.sourceReadGroups).toHaveLength(1)
  const [reader] = report.sourceReadGroups as [string]
  expect(Object.values(await committed(reader)).filter((o) => o !== '-1')).toEqual([])
  expect(after.ends[topic]).toEqual(before.ends[topic])
  const ours = [reader, report.candidate.runId, report.baseline.runId as string, topic, 'stream-test.backfill', FLAG_INPUT, FLAG_OUTPUT]
  const diff = changes(before, after)
  const explained = diff.filter((line) => line === `group created: ${reader}`)
  const foreign = diff.filter((line) => !explained.includes(line))
  // what a concurrently running test file did is not the dry-run's; anything naming the dry-run is
  expect(foreign.filter((line) => ours.some((o) => line.includes(o)))).toEqual([])
  if (foreign.length > 0) process.stderr.write(`[backfill] changes on the shared broker by other test files:\n  ${foreign.join('\n  ')}\n`)
  // the SUTs' topics and groups live on the target broker, which keeps history (no time retention)
  expect(after.topics.some((t) => t.includes(report.candidate.runId))).toBe(false)
  const { resources } = await h.admin.describeConfigs({ resources: [{ type: 4 /* BROKER */, name: '1', configNames: ['log.retention.ms'] }], includeSynonyms: false })
  expect(resources[0]?.configEntries.find((c) => c.configName === 'log.retention.ms')?.configValue).toBe('-1')
}, 180_000)
