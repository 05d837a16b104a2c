import { existsSync } from 'node:fs'
import { relative } from 'node:path'
import type { MatcherState } from 'vitest'
import type { CollectedRecord } from '../../collect/record.ts'
import { canonicalJson } from '../../oracle/canonical.ts'
import type { Violation } from '../../oracle/violation.ts'
import { readFixtureAll, writeFixture, type StreamEvent } from '../../stream/index.ts'
import { violationMessage, type MatchResult } from './message.ts'
import { isCollectedTopic } from './received.ts'
import { fixturePath } from '../fixture-path.ts'

type Row = { key: string | null; value: unknown }

/**
 * `await expect(await collect(out)).toMatchFixture('fixtures/expected/out.jsonl')`: the committed records
 * equal the fixture's events as a multiset of { key, value } (order, headers and timestamps aside). A
 * missing fixture is written from the records (review and commit it); `vitest -u` or
 * STREAM_TEST_UPDATE=1 rewrites it.
 */
export async function toMatchFixture(this: MatcherState, received: unknown, path: string): Promise<MatchResult> {
  const records = recordsOf(received)
  const file = fixturePath(path, this.testPath)
  const update = process.env.STREAM_TEST_UPDATE === '1' || (this as unknown as { snapshotState?: { _updateSnapshot?: string } }).snapshotState?._updateSnapshot === 'all'
  if (!existsSync(file) || update) {
    await writeFixture(file, records.map((r, i): StreamEvent => ({ key: r.key, value: r.value, headers: {}, ts: r.ts ?? i })))
    return { pass: !this.isNot, message: () => `wrote ${records.length} records to ${relative(process.cwd(), file)} (the fixture did not exist or -u was given)` }
  }
  const events = await readFixtureAll(file)
  const want = group(events.map((e) => ({ row: { key: e.key, value: e.value }, where: e.source ? `${e.source.file}:${e.source.line}` : undefined })))
  const got = group(records.map((r) => ({ row: { key: r.key, value: r.value }, where: undefined })))
  const violations: Violation[] = []
  for (const [text, w] of want) {
    const actual = got.get(text)?.count ?? 0
    if (actual < w.count) violations.push(rowViolation('missing-record', text, w.count, actual, w.where))
  }
  for (const [text, g] of got) {
    const expected = want.get(text)?.count ?? 0
    if (g.count > expected) violations.push(rowViolation('extra-record', text, expected, g.count, []))
  }
  const name = relative(process.cwd(), file)
  return {
    pass: violations.length === 0,
    message: () =>
      violations.length === 0
        ? `expected the records to differ from ${name}, but they match it (${records.length} records)`
        : violationMessage(this, `expected the records to match ${name}`, violations, undefined),
  }
}

function recordsOf(v: unknown): (Row & { ts?: number })[] {
  const list: (CollectedRecord | StreamEvent)[] = isCollectedTopic(v) ? v.committed : Array.isArray(v) ? v : []
  if (!isCollectedTopic(v) && !Array.isArray(v)) throw new TypeError('toMatchFixture: expect(...) takes what collect() returned, or an array of records or events')
  return list.map((r) => ({ key: r.key ?? null, value: r.value, ts: r.ts }))
}

function group(items: { row: Row; where: string | undefined }[]): Map<string, { count: number; where: string[] }> {
  const m = new Map<string, { count: number; where: string[] }>()
  for (const { row, where } of items) {
    const text = canonicalJson(row)
    const g = m.get(text) ?? { count: 0, where: [] }
    g.count++
    if (where !== undefined) g.where.push(where)
    m.set(text, g)
  }
  return m
}

function rowViolation(kind: string, row: string, expected: number, actual: number, where: string[]): Violation {
  const shown = row.length > 160 ? `${row.slice(0, 157)}...` : row
  return { oracle: 'fixture', kind, ids: [shown], where, expected, actual, message: `${shown} appears ${actual} time(s), the fixture has it ${expected} time(s)` }
}

