import type { CollectedRecord } from '../../collect/record.ts'
import { byPartitionOffset, position, shortList } from '../format.ts'
import type { Note, OracleResult, Violation } from '../violation.ts'
import { sameValue } from './aggregate.ts'
import { windowId, type ExpectedWindow, type ExpectedWindows } from './expected-types.ts'
import { explain, idsOf, whereOf } from './explain.ts'
import { windowReader, type MappedWindow, type WindowMapping } from './mapping.ts'

interface Output {
  window: MappedWindow
  tombstone: boolean
  record: CollectedRecord
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
  const byWindow = new Map<string, Output[]>()
  const unmapped: { at: string; reason: string }[] = []
  for (const record of [...actual].sort(byPartitionOffset)) {
    const r = read(record)
    if (!r.ok) {
      if (record.value !== null) unmapped.push({ at: position(record), reason: r.reason })
      continue
    }
    const id = windowId(r.window.key, r.window.start, r.window.end)
    let list = byWindow.get(id)
    if (list === undefined) byWindow.set(id, (list = []))
    list.push({ window: r.window, tombstone: r.tombstone, record })
  }

  const violations: Violation[] = []
  const notes: Note[] = [...expected.notes]
  const once = expected.spec.emit !== 'updates' && !(expected.spec.profile === 'flink' && (expected.spec.flink?.allowedLatenessMs ?? 0) > 0)
  const v = (kind: string, w: { key: string; start: number; end: number }, ops: ExpectedWindow['members'], message: string, extra: Partial<Violation> = {}) =>
    violations.push({ oracle: 'windows', kind, ids: idsOf(ops), where: whereOf(ops), message: `window ${label(w)}: ${message}`, ...extra })

  for (const [id, w] of expected.windows) {
    const outs = byWindow.get(id) ?? []
    const last = outs.at(-1)
    if (last === undefined || last.tombstone) {
      v('missing-window', w, w.members, `missing; expected ${show(w.value)} from ${w.members.length} records`, { expected: w.value })
      continue
    }
    const results = outs.filter((o) => !o.tombstone)
    if (!sameValue(w.value, last.window.value)) {
      const e = explain(expected, w, last.window.value)
      const culprits = e.kind === 'wrong-value' ? w.members : e.culprits
      v(e.kind, w, culprits, `expected ${show(w.value)}, got ${show(last.window.value)} at ${position(last.record)}: ${e.reason}${e.kind === 'wrong-value' ? '' : ` (${shortList(idsOf(e.culprits))})`}`, {
        expected: w.value,
        actual: last.window.value,
      })
    } else if (once && results.length > 1 && !w.boundary) {
      v('extra-window', w, w.members, `emitted ${results.length} times (${shortList(results.map((o) => position(o.record)))}); emit ${expected.spec.emit} emits once`, {
        expected: w.value,
        actual: results.map((o) => o.window.value),
      })
    }
    if (outs.length > 1 && outs.some((o) => o.record.partition !== last.record.partition)) {
      notes.push({ oracle: 'windows', kind: 'window-on-several-partitions', message: `window ${label(w)} was written to several partitions; the last record read was judged` })
    }
  }

  const indeterminate = new Set(expected.indeterminate.map((w) => windowId(w.key, w.start, w.end)))
  const byKey = membersByKey(expected)
  for (const [id, outs] of byWindow) {
    if (expected.windows.has(id) || expected.tolerated.has(id) || indeterminate.has(id)) continue
    // retracted: a window whose last record is a tombstone (a Kafka Streams session absorbed by a merge)
    if (outs.at(-1)?.tombstone === true) continue
    const results = outs.filter((o) => !o.tombstone)
    const last = results.at(-1)
    if (last === undefined) continue
    const w = last.window
    const at = shortList(results.map((o) => position(o.record)))
    const lost = expected.lost?.get(id)
    if (lost !== undefined) {
      v('extra-window', w, lost.members, `emitted at ${at}; Kafka Streams onWindowClose never emits this window: stream time jumped past the store's retention before it closed`, { actual: w.value })
      continue
    }
    const unclosed = expected.unclosed.get(id)
    if (unclosed !== undefined) {
      v('extra-window', w, unclosed.members, `emitted at ${at} but never closed by the end of the stream (${closeRule(expected)})`, { actual: w.value })
      continue
    }
    const ghost = expected.lateOnly.get(id)
    if (ghost !== undefined) {
      const all = expected.aggregate(ghost.dropped)
      const one = ghost.dropped.find((d) => sameValue(expected.aggregate([d]), w.value))
      if (sameValue(all, w.value) || one !== undefined) {
        v('late-included', w, one !== undefined && !sameValue(all, w.value) ? [one] : ghost.dropped, `emitted ${show(w.value)} at ${at} from records the engine must drop as late`, { actual: w.value })
        continue
      }
    }
    v('extra-window', w, overlapping(byKey.get(w.key) ?? [], w), `emitted ${show(w.value)} at ${at}; no correct ${expected.spec.profile} app emits this window`, { actual: w.value })
  }

  if (unmapped.length > 0) {
    notes.push({
      oracle: 'windows',
      kind: 'unmapped-output',
      message: `${unmapped.length} output records could not be read as window results (${unmapped[0]?.reason})`,
      detail: unmapped.slice(0, 20),
    })
  }
  return { violations, notes }
}

function membersByKey(e: ExpectedWindows): Map<string, ExpectedWindow[]> {
  const m = new Map<string, ExpectedWindow[]>()
  for (const map of [e.windows, e.unclosed, e.lateOnly, e.tolerated, ...(e.lost === undefined ? [] : [e.lost])]) {
    for (const w of map.values()) {
      let l = m.get(w.key)
      if (l === undefined) m.set(w.key, (l = []))
      l.push(w)
    }
  }
  return m
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
