import type { CollectedRecord } from '../../collect/record.ts'
import type { ProduceOp } from '../../replay/plan.ts'
import { position, shortList } from '../format.ts'
import type { Note, OracleResult, Violation } from '../violation.ts'
import { sameValue } from './aggregate.ts'
import { windowId, type ExpectedWindow, type ExpectedWindows } from './expected-types.ts'
import { explain, idsOf, whereOf } from './explain.ts'
import { windowReader, type MappedWindow, type WindowMapping } from './mapping.ts'
import { OutputGroups, type Output } from './output-groups.ts'
import { Category } from './window-index.ts'

type Bounds = { key: string; start: number; end: number }

/** What the judge found so far: violations, and notes (the engine's notes first). */
interface Findings {
  violations: Violation[]
  notes: Note[]
}

/**
 * Judges a SUT's window results against the reference engine: the LAST output per (key, start, end),
 * in offset order per partition, must equal the expected value; with `emit: final` a window must be
 * emitted once. Windows never closed, indeterminate or tolerated are not required; an output for a
 * window no correct engine emits is `extra-window` (or `late-included` when only dropped records
 * explain it), unless its last record is a tombstone: then it was retracted (session merges).
 */
export function judgeWindows(expected: ExpectedWindows, actual: readonly CollectedRecord[], mapping: WindowMapping): OracleResult {
  const outputs = new OutputGroups(actual, windowReader(mapping), expected.index)
  const found: Findings = { violations: [], notes: [...expected.notes] }
  judgeExpectedWindows(expected, outputs, found)
  judgeOtherWindows(expected, outputs, found)
  if (outputs.unmapped.length > 0) found.notes.push(unmappedNote(outputs.unmapped))
  const judgedLate = expected.late.filter((l) => l.certain).map((l) => l.op.seq)
  return { violations: found.violations, notes: found.notes, judgedLate }
}

/** Every window a correct app must emit: emitted, with the expected last value, once when it emits once. */
function judgeExpectedWindows(expected: ExpectedWindows, outputs: OutputGroups, found: Findings): void {
  const { index, spec } = expected
  const once = spec.emit !== 'updates' && !(spec.profile === 'flink' && (spec.flink?.allowedLatenessMs ?? 0) > 0)
  for (const i of index.inCategory(Category.Expected)) {
    const lo = outputs.lastOf(i)
    const lastRecord = outputs.records[lo]
    if (lastRecord === undefined || lastRecord.value === null) {
      const w = index.window(i)
      found.violations.push(violation('missing-window', w, w.members, `missing; expected ${show(w.value)} from ${w.members.length} records`, { expected: w.value }))
      continue
    }
    if (!sameValue(index.value(i), outputs.valueOf(lo))) found.violations.push(wrongValue(expected, index.window(i), outputs.output(lo)))
    else if (once && !index.boundary(i) && outputs.hasEarlier(lo)) {
      const results = outputs.chain(lo).filter((o) => !o.tombstone)
      if (results.length > 1) {
        const w = index.window(i)
        found.violations.push(
          violation('extra-window', w, w.members, `emitted ${results.length} times (${shortList(results.map((o) => position(o.record)))}); emit ${spec.emit} emits once`, {
            expected: w.value,
            actual: results.map((o) => o.window.value),
          }),
        )
      }
    }
    if (outputs.hasEarlier(lo) && outputs.chain(lo).some((o) => o.record.partition !== lastRecord.partition)) {
      found.notes.push({ oracle: 'windows', kind: 'window-on-several-partitions', message: `window ${label(index.window(i))} was written to several partitions; the last record read was judged` })
    }
  }
}

/** An expected window whose last output has another value: explained by late or grace records when they explain it. */
function wrongValue(expected: ExpectedWindows, w: ExpectedWindow, last: Output): Violation {
  const e = explain(expected, w, last.window.value)
  const culprits = e.kind === 'wrong-value' ? w.members : e.culprits
  const which = e.kind === 'wrong-value' ? '' : ` (${shortList(idsOf(e.culprits))})`
  return violation(e.kind, w, culprits, `expected ${show(w.value)}, got ${show(last.window.value)} at ${position(last.record)}: ${e.reason}${which}`, {
    expected: w.value,
    actual: last.window.value,
  })
}

/** Every other window with outputs, in the order of its first output: emitted though no correct app emits it. */
function judgeOtherWindows(expected: ExpectedWindows, outputs: OutputGroups, found: Findings): void {
  const { index } = expected
  const alternative = alternativeSessions(expected)
  for (const { window, last } of outputs.windows()) {
    const c = window.known ? index.category(window.window) : undefined
    if (c === Category.Expected || c === Category.Tolerated || c === Category.Indeterminate) continue
    const outs = outputs.chain(last)
    // retracted: a window whose last record is a tombstone (a Kafka Streams session absorbed by a merge)
    if (outs.at(-1)?.tombstone === true) continue
    const results = outs.filter((o) => !o.tombstone)
    const w = results.at(-1)?.window
    if (w === undefined) continue
    if (alternative(w)) continue
    const at = shortList(results.map((o) => position(o.record)))
    const computed = window.known ? index.window(window.window) : undefined
    found.violations.push(extraWindow(expected, w, at, c, computed))
  }
}

/** The violation for an output of window `w` (emitted at `at`) that a correct app does not emit; `computed`: the engine's window of that identity, in category `c`. */
function extraWindow(expected: ExpectedWindows, w: MappedWindow, at: string, c: Category | undefined, computed: ExpectedWindow | undefined): Violation {
  if (computed !== undefined && c === Category.Lost) {
    return violation('extra-window', w, computed.members, `emitted at ${at}; Kafka Streams onWindowClose never emits this window: stream time jumped past the store's retention before it closed`, { actual: w.value })
  }
  if (computed !== undefined && c === Category.Unclosed) {
    return violation('extra-window', w, computed.members, `emitted at ${at} but never closed by the end of the stream (${closeRule(expected)})`, { actual: w.value })
  }
  if (computed !== undefined && c === Category.LateOnly) {
    const all = expected.aggregate(computed.dropped)
    const one = computed.dropped.find((d) => sameValue(expected.aggregate([d]), w.value))
    if (sameValue(all, w.value) || one !== undefined) {
      const culprits = one !== undefined && !sameValue(all, w.value) ? [one] : computed.dropped
      return violation('late-included', w, culprits, `emitted ${show(w.value)} at ${at} from records the engine must drop as late`, { actual: w.value })
    }
  }
  const near = overlapping(expected.index.windowsOfKey(w.key), w)
  return violation('extra-window', w, near, `emitted ${show(w.value)} at ${at}; no correct ${expected.spec.profile} app emits this window`, { actual: w.value })
}

/**
 * Flink sessions: whether window `w` lies inside an indeterminate session of its key. Whether a session
 * was purged before a record that would merge it depends on the watermark, and so do all later merges:
 * the job may have built finer sessions, each inside the session the profile computed with every
 * possible merge (docs/windows-verification.md, Flink F2). Not judged, as the indeterminate one is not.
 */
function alternativeSessions(expected: ExpectedWindows): (w: Bounds) => boolean {
  if (expected.spec.profile !== 'flink' || expected.spec.window.type !== 'session' || expected.indeterminate.length === 0) return () => false
  const byKey = new Map<string, Bounds[]>()
  for (const s of expected.indeterminate) {
    const list = byKey.get(s.key)
    if (list === undefined) byKey.set(s.key, [s])
    else list.push(s)
  }
  return (w) => (byKey.get(w.key) ?? []).some((s) => s.start <= w.start && w.end <= s.end)
}

function violation(kind: string, w: Bounds, ops: readonly ProduceOp[], message: string, extra: Partial<Violation> = {}): Violation {
  return { oracle: 'windows', kind, ids: idsOf(ops), where: whereOf(ops), message: `window ${label(w)}: ${message}`, ...extra }
}

function unmappedNote(unmapped: readonly { at: string; reason: string }[]): Note {
  return {
    oracle: 'windows',
    kind: 'unmapped-output',
    message: `${unmapped.length} output records could not be read as window results (${unmapped[0]?.reason})`,
    detail: unmapped.slice(0, 20),
  }
}

/** records of the key with ts in [start, end]: what a wrong window most likely counted */
function overlapping(windows: ExpectedWindow[], w: MappedWindow): ProduceOp[] {
  const out = new Set<ProduceOp>()
  for (const x of windows) {
    for (const op of [...x.members, ...x.dropped]) if (op.ts >= w.start && op.ts <= w.end && out.size < 50) out.add(op)
  }
  return [...out].sort((a, b) => a.seq - b.seq)
}

function closeRule(e: ExpectedWindows): string {
  if (e.spec.profile === 'flink') return 'the watermark never reached end - 1'
  return 'stream time never reached end + grace'
}

function label(w: Bounds): string {
  return windowId(w.key, w.start, w.end)
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v)
}
