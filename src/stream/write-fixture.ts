import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { once } from 'node:events'
import type { StreamEvent } from './event.ts'

/**
 * One fixture line (without the newline): `{key, value, headers, ts, partition?, id?, schema?}`; `source` is
 * left out. `schema` is written as the event holds it (the recorder sets names relative to the fixture).
 */
export function formatEventLine(e: StreamEvent): string {
  const o: Record<string, unknown> = { key: e.key, value: e.value, headers: e.headers, ts: e.ts }
  if (e.partition !== undefined) o.partition = e.partition
  if (e.id !== undefined) o.id = e.id
  if (e.schema !== undefined) o.schema = e.schema
  return JSON.stringify(o)
}

/**
 * Write events as a JSON Lines fixture, atomically: into a temp file next to the target, renamed over it
 * once complete. Creates the folder. A failure leaves any previous fixture untouched.
 */
export async function writeFixture(file: string, events: AsyncIterable<StreamEvent> | Iterable<StreamEvent>): Promise<void> {
  const target = resolve(file)
  await mkdir(dirname(target), { recursive: true })
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const out = createWriteStream(tmp, { encoding: 'utf8' })
  try {
    for await (const e of events) {
      if (!out.write(`${formatEventLine(e)}\n`)) await once(out, 'drain')
    }
    out.end()
    await once(out, 'finish')
    await rename(tmp, target)
  } catch (e) {
    out.destroy()
    await rm(tmp, { force: true })
    throw e
  }
}
