import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, inject, test } from 'vitest'
import { waitUntil } from '../../../src/wait-until.ts'
import { useSharedKafka } from '../helpers/kafka.ts'
import { killApp, startApp, stopApp, tail, type AppProcess } from './app-process.ts'
import { expectEnrichedOnce, orders, produceOrders, waitCommittedToEnd } from './exactly-once-check.ts'

/**
 * The exactly-once demo SUTs (fixtures/apps/README.md) straight against the real broker, no harness:
 * start the app, replay fixtures/streams/orders.jsonl into a fresh topic, wait until its group committed
 * the input to the end, and read the output read_committed: every order exactly once, enriched.
 */
const { kafka, admin } = useSharedKafka('apps-eos-test')
const brokers = inject('kafka').brokers
const EOS_JAVA = resolve('fixtures/apps/eos-java/run.sh')
const KAFKAJS_TX = resolve('fixtures/apps/enricher/transactional.mjs')
// a JVM start on two busy cores, plus a first join on the client's default timeouts
const READY_MS = 60_000

const apps: AppProcess[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map(killApp))
})

beforeAll(() => {
  // builds once (skips when the jar is up to date), so no test pays for Maven
  execFileSync('bash', [resolve('fixtures/apps/eos-java/build.sh')], { stdio: ['ignore', 'ignore', 'inherit'] })
}, 600_000)

interface Run {
  group: string
  input: string
  output: string
}

async function freshRun(name: string): Promise<Run> {
  const id = `${name}-${randomUUID().slice(0, 8)}`
  const run = { group: `g-${id}`, input: `in-${id}`, output: `out-${id}` }
  await admin.createTopics({ topics: [run.input, run.output].map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true })
  return run
}

function start(run: Run, label: string, command: string, args: string[], instance: number): AppProcess {
  const app = startApp(`${label}[${instance}]`, command, [...args, '--in', run.input, '--out', run.output], {
    KAFKA_BROKERS: brokers.join(','),
    ST_GROUP_ID: run.group,
    ST_INSTANCE: String(instance),
  })
  apps.push(app)
  return app
}

/** The partitions in the instance's last "assigned [...]" line, or undefined before its first assignment. */
function lastAssignment(app: AppProcess): string[] | undefined {
  const line = app.lines.findLast((l) => / assigned \[/.test(l))
  const list = line?.match(/assigned \[(.*)\]$/)?.[1]
  return list === undefined ? undefined : list.split(', ').filter(Boolean)
}

/** Wait until the two instances' last assignments split the input's 3 partitions between them. */
async function waitSplit(pair: AppProcess[]): Promise<void> {
  await waitUntil(
    () => {
      const [a, b] = pair.map(lastAssignment)
      return !!a?.length && !!b?.length && new Set([...a, ...b]).size === 3 && a.length + b.length === 3
    },
    {
      intervalMs: 100,
      timeoutMs: 60_000,
      onTimeout: () => new Error(`the two instances did not split the 3 partitions:\n${pair.map((a) => tail(a, 6)).join('\n---\n')}`),
    },
  )
}

// logsAssignment: the app prints "assigned [<topic>-<partition>, ...]" on stderr at each assignment
const CASES = [
  { name: 'Java transactional (KIP-447)', command: EOS_JAVA, args: ['transactional'], logsAssignment: true },
  { name: 'Kafka Streams exactly_once_v2', command: EOS_JAVA, args: ['streams'], logsAssignment: false },
  { name: 'kafkajs transactional', command: process.execPath, args: [KAFKAJS_TX], logsAssignment: false },
]

describe.each(CASES)('$name', ({ name, command, args, logsAssignment }) => {
  test('one instance: every order once in the output, read_committed; SIGTERM exits 0', async () => {
    const run = await freshRun('one')
    const app = start(run, name, command, args, 0)
    const started = Date.now()
    await app.waitForLine(/^ready$/, READY_MS)
    process.stderr.write(`[apps] ${name}: ready after ${Date.now() - started} ms\n`)
    const events = orders()
    await produceOrders(kafka, run.input, events)
    await waitCommittedToEnd(admin, run.group, run.input, 60_000)
    await expectEnrichedOnce(brokers, run.output, events)
    expect(await stopApp(app), tail(app)).toBe(0)
  })

  test('two instances in one group (ST_INSTANCE 0 and 1): every order once', async () => {
    const run = await freshRun('two')
    const pair = [start(run, name, command, args, 0), start(run, name, command, args, 1)]
    await Promise.all(pair.map((a) => a.waitForLine(/^ready$/, READY_MS)))
    if (logsAssignment) await waitSplit(pair) // both consume before the input arrives
    const events = orders()
    await produceOrders(kafka, run.input, events)
    await waitCommittedToEnd(admin, run.group, run.input, 90_000)
    await expectEnrichedOnce(brokers, run.output, events)
    for (const app of pair) expect(app.exit, tail(app)).toBeNull() // neither fenced the other
  })
})
