import { once } from 'node:events'
import { registryFor } from '../../kafka/index.ts'
import { kafkaFor } from '../../env/client.ts'
import { InputError } from '../../errors.ts'
import { recordTopic } from '../../stream/record-topic.ts'
import { writeSchemaFiles, type FetchedSchema } from '../../stream/schema-files.ts'
import type { Connection } from '../../env/environment.ts'
import { formatEventLine, writeFixture } from '../../stream/write-fixture.ts'
import type { StreamEvent } from '../../stream/event.ts'
import { connectionOption } from '../connection-option.ts'
import { intOption } from '../options.ts'
import { progressOn, type Progress } from '../progress.ts'
import { timeOption } from '../time-option.ts'
import type { CommandInput } from '../command.ts'


export async function recordAction({ opts }: CommandInput): Promise<number> {
  if (typeof opts.topic !== 'string' || opts.topic === '') throw new InputError('record needs a topic', { expected: '--topic <name>' })
  const topic = opts.topic
  const from = timeOption(opts.from, '--from')
  const to = timeOption(opts.to, '--to')
  const max = intOption(opts.max, '--max')
  if (max !== undefined && max < 1) throw new InputError(`bad --max "${String(opts.max)}"`, { expected: 'an integer >= 1' })
  if (from !== undefined && to !== undefined && to < from) throw new InputError('--to is before --from', { expected: '--from <= --to' })
  const conn = connectionOption(opts, 'record')
  let progress: Progress | undefined
  const started = Date.now()
  const recorded = await recordTopic(kafkaFor(conn, 'stream-test-record'), topic, {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(conn.registryUrl ? { registry: registryFor(conn) } : {}),
    onProgress(read, total) {
      progress ??= progressOn(`record ${topic}`, Math.min(total, max ?? total))
      progress.update(read)
    },
  })
  progress?.stop()
  let schemaFiles: string[] = []
  if (typeof opts.out === 'string') {
    if (conn.registryUrl) schemaFiles = await writeSchemaFiles(opts.out, recorded.events, recorded.schemaIds, (id) => fetchSchema(conn, id))
    await writeFixture(opts.out, recorded.events)
  } else await writeLines(process.stdout, recorded.events)
  if (schemaFiles.length > 0) process.stderr.write(`the topic changed schema while recorded: ${schemaFiles.length} schemas written next to the fixture, named by each line (${schemaFiles.join(', ')})\n`)
  else if (typeof opts.out !== 'string' && new Set(recorded.schemaIds.values()).size > 1)
    process.stderr.write('the topic changed schema while recorded: record with --out <file> to keep each line\'s schema\n')
  const seconds = (Date.now() - started) / 1000
  process.stderr.write(`recorded ${recorded.events.length} records from ${topic} (${recorded.ranges.length} partitions) in ${seconds.toFixed(2)} s\n`)
  return 0
}

/** `GET /schemas/ids/{id}` of the connection's registry. */
async function fetchSchema(conn: Connection, id: number): Promise<FetchedSchema> {
  const auth = conn.registryAuth ? { authorization: `Basic ${Buffer.from(`${conn.registryAuth.username}:${conn.registryAuth.password}`).toString('base64')}` } : {}
  const res = await fetch(`${conn.registryUrl}/schemas/ids/${id}`, { headers: { accept: 'application/vnd.schemaregistry.v1+json', ...auth } })
  if (!res.ok) throw new Error(`schema ${id} could not be read from ${conn.registryUrl}: HTTP ${res.status}`)
  return (await res.json()) as FetchedSchema
}

async function writeLines(out: NodeJS.WritableStream, events: StreamEvent[]): Promise<void> {
  for (const e of events) if (!out.write(`${formatEventLine(e)}\n`)) await once(out, 'drain')
}
