import { open } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { InputError } from '../errors.ts'
import type { StreamEvent } from './event.ts'
import { isSkippedLine, parseFixtureLine, type FixtureFormat } from './fixture-line.ts'

export type ReadFixtureOptions = FixtureFormat

/**
 * Stream the events of a fixture (JSON Lines or `kcat -C -J` output), one line at a time: the file is
 * never read whole. Blank and `//`/`#` comment lines are skipped; every event carries `source: {file,
 * line}`. A bad line throws InputError with file:line.
 */
export async function* readFixture(file: string, opts: ReadFixtureOptions = {}): AsyncGenerator<StreamEvent> {
  const abs = resolve(file)
  let handle
  try {
    handle = await open(abs, 'r')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new InputError(code === 'ENOENT' ? 'fixture file not found' : `fixture file cannot be read (${code})`, { file: abs })
  }
  const stream = handle.createReadStream({ encoding: 'utf8' })
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let n = 0
  try {
    for await (const text of lines) {
      n++
      if (isSkippedLine(text)) continue
      yield parseFixtureLine(text, abs, n, opts)
    }
  } finally {
    lines.close()
    stream.destroy()
    await handle.close().catch(() => undefined)
  }
}

/** All events of a (small) fixture, in file order. */
export async function readFixtureAll(file: string, opts: ReadFixtureOptions = {}): Promise<StreamEvent[]> {
  const out: StreamEvent[] = []
  for await (const e of readFixture(file, opts)) out.push(e)
  return out
}
