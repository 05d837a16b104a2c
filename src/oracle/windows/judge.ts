import type { CollectedRecord } from '../../collect/record.ts'
import { byPartitionOffset, position, shortList } from '../format.ts'
import type { Note, OracleResult, Violation } from '../violation.ts'
import { sameValue } from './aggregate.ts'
import { windowId, type ExpectedWindow, type ExpectedWindows } from './expected-types.ts'
import { explain, idsOf, whereOf } from './explain.ts'
import { windowReader, type MappedWindow, type WindowMapping } from './mapping.ts'
import { Indeterminate, windowIndex } from './window-index.ts'
import { Category } from './window-table.ts'

interface Output {
  window: MappedWindow
  tombstone: boolean
  record: CollectedRecord
}

/** the records by partition, then offset (the input itself when it is in that order already) */
function inOffsetOrder(records: readonly CollectedRecord[]): readonly CollectedRecord[] {
  for (let i = 1; i < records.length; i++) {
    if (byPartitionOffset(records[i - 1] as CollectedRecord, records[i] as CollectedRecord) > 0) return [...records].sort(byPartitionOffset)
  }
  return records
}

/**
 * Judges a SUT's window results against the reference engine: the LAST output per (key, start, end),
 * in offset order per partition, must equal the expected value; with `emit: final` a window must be
 * emitted once. Windows never closed, indeterminate or tolerated are not required; an output for a
 * window no correct engine emits is `extra-window` (or `late-included` when only dropped records
 * explain it), unless its last record is a tombstone: then it was retracted (session merges).
 */
export function judgeWindows(expected: ExpectedWindows, actual: readonly CollectedRecord[], mapping: WindowMapping): OracleResult {
  const read = windowReader(mapping)
  const index = windowIndex(expected)
  // outputs are named by their position in offset order; those of one window are chained from its last
  // one back (prev). No object per output lives past this loop (a million of them for the garbage
  // collector to copy): output(o) reads the record again when needed
  const outRecords = inOffsetOrder(actual)
  const mapped = new Uint8Array(outRecords.length)
  const prev = new Int32Array(actual.length)
  /** per output: the number of its expected window, or -1 - the number of an unknown window */
  const group = new Int32Array(actual.length)
  const lastOf = new Int32Array(index.count).fill(-1)
  const unknown = new Map<string, number>()
  const unknownLast: number[] = []
  const unmapped: { at: string; reason: string }[] = []
  for (let o = 0; o < outRecords.length; o++) {
    const record = outRecords[o] as CollectedRecord
    const w = read(record)
    if (typeof w === 'string') {
      if (record.value !== null) unmapped.push({ at: position(record), reason: w })
      continue
    }
    mapped[o] = 1
    const i = index.find(w.key, w.start, w.end)
    if (i >= 0) {
      prev[o] = lastOf[i] as number
      lastOf[i] = o
      group[o] = i
      continue
    }
    const id = windowId(w.key, w.start, w.end)
    let g = unknown.get(id)
    if (g === undefined) {
      unknown.set(id, (g = unknownLast.length))
      unknownLast.push(-1)
    }
    prev[o] = unknownLast[g] as number
    unknownLast[g] = o
    group[o] = -1 - g
  }
  const output = (o: number): Output => {
    const record = outRecords[o] as CollectedRecord
    return { window: read(record) as MappedWindow, tombstone: record.value === null, record }
  }
  /** the outputs of the window whose last output is `last`, oldest first */
  const chain = (last: number): Output[] => {
    const list: Output[] = []
    for (let o = last; o >= 0; o = prev[o] as number) list.push(output(o))
    return list.reverse()
  }

  const violations: Violation[] = []
  const notes: Note[] = [...expected.notes]
  const once = expected.spec.emit !== 'updates' && !(expected.spec.profile === 'flink' && (expected.spec.flink?.allowedLatenessMs ?? 0) > 0)
  const v = (kind: string, w: { key: string; start: number; end: number }, ops: ExpectedWindow['members'], message: string, extra: Partial<Violation> = {}) =>
    violations.push({ oracle: 'windows', kind, ids: idsOf(ops), where: whereOf(ops), message: `window ${label(w)}: ${message}`, ...extra })

  for (const i of index.expected()) {
    const lo = lastOf[i] as number
    const lastRecord = lo < 0 ? undefined : outRecords[lo]
    if (lastRecord === undefined || lastRecord.value === null) {
      const w = index.window(i)
      v('missing-window', w, w.members, `missing; expected ${show(w.value)} from ${w.members.length} records`, { expected: w.value })
      continue
    }
    if (!sameValue(index.value(i), (read(lastRecord) as MappedWindow).value)) {
      const last = output(lo)
      const w = index.window(i)
      const e = explain(expected, w, last.window.value)
      const culprits = e.kind === 'wrong-value' ? w.members : e.culprits
      v(e.kind, w, culprits, `expected ${show(w.value)}, got ${show(last.window.value)} at ${position(last.record)}: ${e.reason}${e.kind === 'wrong-value' ? '' : ` (${shortList(idsOf(e.culprits))})`}`, {
        expected: w.value,
        actual: last.window.value,
      })
    } else if (once && !index.boundary(i) && (prev[lo] as number) >= 0) {
      const results = chain(lo).filter((o) => !o.tombstone)
      if (results.length > 1) {
        const w = index.window(i)
        v('extra-window', w, w.members, `emitted ${results.length} times (${shortList(results.map((o) => position(o.record)))}); emit ${expected.spec.emit} emits once`, {
          expected: w.value,
          actual: results.map((o) => o.window.value),
        })
      }
    }
    if ((prev[lo] as number) >= 0 && chain(lo).some((o) => o.record.partition !== lastRecord.partition)) {
      notes.push({ oracle: 'windows', kind: 'window-on-several-partitions', message: `window ${label(index.window(i))} was written to several partitions; the last record read was judged` })
    }
  }

  // every other window output, in the order of its first output
  for (let first = 0; first < outRecords.length; first++) {
    if (mapped[first] === 0 || (prev[first] as number) >= 0) continue
    const g = group[first] as number
    const c = g >= 0 ? index.category(g) : -1
    if (c === Category.Expected || c === Category.Tolerated || c === Indeterminate) continue
    const outsOf = chain(g >= 0 ? (lastOf[g] as number) : (unknownLast[-1 - g] as number))
    // retracted: a window whose last record is a tombstone (a Kafka Streams session absorbed by a merge)
    if (outsOf.at(-1)?.tombstone === true) continue
    const results = outsOf.filter((o) => !o.tombstone)
    const last = results.at(-1)
    if (last === undefined) continue
    const w = last.window
    const at = shortList(results.map((o) => position(o.record)))
    if (c === Category.Lost) {
      v('extra-window', w, index.window(g).members, `emitted at ${at}; Kafka Streams onWindowClose never emits this window: stream time jumped past the store's retention before it closed`, { actual: w.value })
      continue
    }
    if (c === Category.Unclosed) {
      v('extra-window', w, index.window(g).members, `emitted at ${at} but never closed by the end of the stream (${closeRule(expected)})`, { actual: w.value })
      continue
    }
    if (c === Category.LateOnly) {
      const ghost = index.window(g)
      const all = expected.aggregate(ghost.dropped)
      const one = ghost.dropped.find((d) => sameValue(expected.aggregate([d]), w.value))
      if (sameValue(all, w.value) || one !== undefined) {
        v('late-included', w, one !== undefined && !sameValue(all, w.value) ? [one] : ghost.dropped, `emitted ${show(w.value)} at ${at} from records the engine must drop as late`, { actual: w.value })
        continue
      }
    }
    v('extra-window', w, overlapping(index.windowsOfKey(w.key), w), `emitted ${show(w.value)} at ${at}; no correct ${expected.spec.profile} app emits this window`, { actual: w.value })
  }

  if (unmapped.length > 0) {
    notes.push({
      oracle: 'windows',
      kind: 'unmapped-output',
      message: `${unmapped.length} output records could not be read as window results (${unmapped[0]?.reason})`,
      detail: unmapped.slice(0, 20),
    })
  }
  const judgedLate = expected.late.filter((l) => l.certain).map((l) => l.op.seq)
  return { violations, notes, judgedLate }
}

/** records of the key with ts in [start, end]: what a wrong window most likely counted */
function overlapping(windows: ExpectedWindow[], w: MappedWindow): ExpectedWindow['members'] {
  const out = new Set<ExpectedWindow['members'][number]>()
  for (const x of windows) {
    for (const op of [...x.members, ...x.dropped]) if (op.ts >= w.start && op.ts <= w.end && out.size < 50) out.add(op)
  }
  return [...out].sort((a, b) => a.seq - b.seq)
}

function closeRule(e: ExpectedWindows): string {
  if (e.spec.profile === 'flink') return 'the watermark never reached end - 1'
  return 'stream time never reached end + grace'
}

function label(w: { key: string; start: number; end: number }): string {
  return windowId(w.key, w.start, w.end)
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v)
}
