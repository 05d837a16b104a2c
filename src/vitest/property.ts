import { join, relative, resolve } from 'node:path'
import fc from 'fast-check'
import { expect } from 'vitest'
import { writeFixture, type StreamEvent } from '../stream/index.ts'
import type { EventInput } from './replay.ts'

export interface StreamPropertyOptions {
  numRuns?: number
  seed?: number
  /** fast-check's replay path, printed with a failure; with `seed`, reruns exactly the failing case */
  path?: string
  /** regression fixtures go here; default fixtures/regressions (from the working directory) */
  regressions?: string
  /** the fixture's name; default the current test's name */
  name?: string
}

/** What the predicate learns about the run it is in: use `index` to name this run's topics. */
export interface PropertyRun {
  index: number
}

/**
 * fast-check over generated streams against the real broker: `predicate` gets one generated stream
 * per run (create topics, start the SUT, replay, collect, assert inside it) and fails by throwing or
 * returning false. On failure the shrunk counterexample is saved as a fixture under
 * fixtures/regressions/, and the error names the seed, the replay path and that fixture.
 */
export async function streamProperty<E extends EventInput>(
  arbitrary: fc.Arbitrary<E[]>,
  predicate: (events: E[], run: PropertyRun) => Promise<boolean | void>,
  options: StreamPropertyOptions = {},
): Promise<void> {
  let index = 0
  const property = fc.asyncProperty(arbitrary, async (events) => predicate(events, { index: index++ }))
  const details = await fc.check(property, {
    ...(options.numRuns !== undefined ? { numRuns: options.numRuns } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
  })
  if (!details.failed) return
  const lines = [`stream property failed after ${details.numRuns} run(s), ${details.numShrinks} shrink(s)`]
  lines.push(`  seed: ${details.seed}, path: ${JSON.stringify(details.counterexamplePath)}`)
  lines.push(`  to repeat it: streamProperty(arbitrary, predicate, { seed: ${details.seed}, path: ${JSON.stringify(details.counterexamplePath)} })`)
  const counterexample = details.counterexample?.[0]
  if (Array.isArray(counterexample)) {
    const events = toEvents(counterexample)
    lines.push(`  counterexample (${events.length} events):`)
    for (const e of events.slice(0, 10)) lines.push(`    ${JSON.stringify({ key: e.key, value: e.value, ts: e.ts })}`)
    if (events.length > 10) lines.push(`    … and ${events.length - 10} more`)
    const file = join(resolve(options.regressions ?? 'fixtures/regressions'), `${slug(options.name ?? expect.getState().currentTestName ?? 'property')}-${details.seed >>> 0}.jsonl`)
    await writeFixture(file, events)
    lines.push(`  saved: ${relative(process.cwd(), file)} (replay(topic, '${relative(process.cwd(), file)}') repeats it)`)
  }
  const cause = details.errorInstance
  if (cause !== undefined) lines.push(`  cause: ${cause instanceof Error ? cause.message.split('\n').join('\n    ') : String(cause)}`)
  throw new Error(lines.join('\n'), { cause })
}

function toEvents(items: readonly EventInput[]): StreamEvent[] {
  return items.map((e, i) => {
    const out: StreamEvent = { key: e.key ?? null, value: e.value, headers: e.headers ?? {}, ts: e.ts ?? i }
    if (e.partition !== undefined) out.partition = e.partition
    if (e.id !== undefined) out.id = e.id
    return out
  })
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'property'
}
