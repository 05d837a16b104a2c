import { once } from 'node:events'
import { registryFor } from '../../replay/codec.ts'
import { kafkaFor } from '../../env/client.ts'
import { InputError } from '../../errors.ts'
import { recordTopic } from '../../stream/record-topic.ts'
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
  if (typeof opts.out === 'string') await writeFixture(opts.out, recorded.events)
  else await writeLines(process.stdout, recorded.events)
  const seconds = (Date.now() - started) / 1000
  process.stderr.write(`recorded ${recorded.events.length} records from ${topic} (${recorded.ranges.length} partitions) in ${seconds.toFixed(2)} s\n`)
  return 0
}

async function writeLines(out: NodeJS.WritableStream, events: StreamEvent[]): Promise<void> {
  for (const e of events) if (!out.write(`${formatEventLine(e)}\n`)) await once(out, 'drain')
}
