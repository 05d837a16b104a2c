import { readFile } from 'node:fs/promises'
import type { Admin } from 'kafkajs'
import { kafkaFor } from '../../env/client.ts'
import { EnvironmentError, InputError } from '../../errors.ts'
import { compilePath, idText } from '../../oracle/correlate.ts'
import { randomSeed } from '../../perturb/rng.ts'
import { parsePerturbSpec, type PerturbSpec } from '../../perturb/spec.ts'
import { buildPlan, type PlanInput } from '../../replay/build-plan.ts'
import { registryFor, valueEncoder } from '../../kafka/index.ts'
import { parsePace } from '../../replay/pace.ts'
import { replayOps } from '../../replay/replay-plan.ts'
import { streamOps } from '../../replay/stream-ops.ts'
import { REGISTRY_FORMATS, type TopicFormat, type ValueFormat } from '../../kafka/index.ts'
import { readFixture, readFixtureAll } from '../../stream/read-fixture.ts'
import { connectAdmin, connectionOption } from '../connection-option.ts'
import { intOption } from '../options.ts'
import { progressOn } from '../progress.ts'
import type { CommandInput } from '../command.ts'



export async function replayAction({ args, opts }: CommandInput): Promise<number> {
  // everything the user typed is checked before the broker is contacted
  const fixture = String(args[0])
  if (typeof opts.topic !== 'string' || opts.topic === '') throw new InputError('replay needs a topic', { expected: '--topic <name>' })
  const topic = opts.topic
  const pace = parsePace(String(opts.pace ?? 'max'))
  const specs = typeof opts.perturb === 'string' ? parsePerturbSpec(opts.perturb) : []
  rejectFaults(specs)
  const seed = intOption(opts.seed, '--seed') ?? randomSeed()
  const value = (opts.valueFormat ?? 'json') as ValueFormat
  const format: TopicFormat = { partitions: 0, key: 'string', value }
  if (REGISTRY_FORMATS.includes(value)) {
    if (typeof opts.schema !== 'string') throw new InputError(`--value-format ${value} needs a schema`, { expected: '--schema <file>' })
    format.schema = await readSchema(opts.schema)
  }
  const idPath = typeof opts.id === 'string' ? compilePath(opts.id) : undefined
  const conn = connectionOption(opts, 'replay')
  if (REGISTRY_FORMATS.includes(value) && !conn.registryUrl) {
    throw new InputError(`--value-format ${value} needs a schema registry`, { expected: '--registry <url> or SCHEMA_REGISTRY_URL', found: 'neither' })
  }
  // validate the whole fixture before connecting; unperturbed replays then stream it again
  const events = specs.length > 0 ? await readFixtureAll(fixture, { value }) : await countFixture(fixture, value)
  process.stderr.write(`seed ${seed} (repeat with --seed ${seed})\n`)

  const kafka = kafkaFor(conn, 'stream-test-replay')
  const admin = kafka.admin()
  await connectAdmin(admin, conn)
  let partitions: number
  try {
    partitions = await partitionsOf(admin, topic)
  } finally {
    await admin.disconnect()
  }
  // an event that already carries a harness id (recorded from a run's topic) keeps it
  const idOf: NonNullable<PlanInput['idOf']> = idPath ? (e) => idText(idPath(e)) : (e) => e.headers['st-id']
  // perturbations need the whole stream; without them the plan is streamed from the file
  const ops = Array.isArray(events)
    ? buildPlan([{ topic, partitions, events, idOf }], specs, seed).ops
    : streamOps(readFixture(fixture, { value }), { topic, partitions, idOf })
  const encode = await valueEncoder(topic, { ...format, partitions }, () => registryFor(conn))

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
  try {
    await producer.connect()
  } catch (err) {
    throw new EnvironmentError(`cannot reach Kafka at ${conn.brokers.join(',')}: ${(err as Error).message}`, 'ST_CONNECT', { cause: err })
  }
  const total = Array.isArray(ops) ? ops.length : (events as { count: number }).count
  const progress = progressOn(`replay ${topic}`, total)
  const partitionsUsed = new Set<number>()
  let stats
  try {
    stats = await replayOps(ops, {
      producer,
      targets: { [topic]: { name: topic, key: format.key, encode } },
      pace,
      onProgress: (done) => progress.update(done),
      onAcked: (sent) => sent.forEach((op) => partitionsUsed.add(op.partition)),
    }, total)
  } finally {
    progress.stop()
    await producer.disconnect()
  }
  const used = partitionsUsed.size
  const seconds = stats.ms / 1000
  const rate = seconds > 0 ? Math.round(stats.produced / seconds) : stats.produced
  process.stdout.write(`replayed ${stats.produced} records to ${topic} (${used} of ${partitions} partitions) in ${seconds.toFixed(2)} s, ${rate} records/s\n`)
  return 0
}

function rejectFaults(specs: PerturbSpec[]): void {
  const i = specs.findIndex((s) => s.kind === 'crash-sut' || s.kind === 'restart-broker')
  if (i === -1) return
  throw new InputError(`${specs[i]!.kind} is a fault step: replay has no SUT or broker to fault`, {
    path: `--perturb[${i}]`,
    expected: 'reorder, duplicate, late, burst or replay (faults belong in a scenario run)',
    found: specs[i]!.kind,
  })
}

async function readSchema(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (err) {
    throw new InputError(`schema file cannot be read (${(err as NodeJS.ErrnoException).code})`, { file })
  }
}

async function partitionsOf(admin: Admin, topic: string): Promise<number> {
  const topics = await admin.listTopics()
  if (!topics.includes(topic)) throw new InputError(`topic ${topic} does not exist`, { expected: 'an existing topic (replay does not create topics)' })
  const { topics: meta } = await admin.fetchTopicMetadata({ topics: [topic] })
  return meta[0]?.partitions.length ?? 0
}

/** Read a fixture through once, streaming: every line is checked (bad lines fail before any connection). */
async function countFixture(file: string, value: ValueFormat): Promise<{ count: number }> {
  let count = 0
  for await (const _ of readFixture(file, { value })) count++
  return { count }
}
