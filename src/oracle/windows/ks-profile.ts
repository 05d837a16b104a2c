import type { ProduceOp } from '../../replay/plan.ts'
import type { Note } from '../violation.ts'
import type { Aggregator } from './aggregate.ts'
import { windowId, type ExpectedWindow, type LateRecord } from './expected-types.ts'
import { collected, collectWindows, unclosedNotes, type Collected } from './collect-windows.ts'
import { ksSessionProcessor } from './ks-session.ts'
import { ksSlidingProcessor } from './ks-sliding.ts'
import { ksTimeProcessor } from './ks-time.ts'
import type { WindowSpec } from './spec.ts'
import { loadWindows, type SortedWindows } from './load-windows.ts'
import { Category } from './window-index.ts'
import type { KsContext, KsProcessor } from './window-state.ts'
import { WindowTable } from './window-table.ts'

/**
 * The Kafka Streams reference engine (caching off): one task per input partition, each with its own
 * stream time S = max ts so far, updated before the late check; null-key, null-value and negative-ts
 * records are skipped and do not advance S. `emit: final` keeps the windows closed by the end
 * (`end + g <= S`, g = grace, or gap + grace for sessions); `on-window-close` uses the strict `<` for
 * sliding and session windows, and closed windows that Kafka Streams loses to store retention when
 * stream time jumps (ks-time.ts, ks-session.ts) are `lost`: a correct app does not emit them.
 * `makeProcessor` picks each task's processor for the window type (a test passes a reference one).
 */
export function kafkaStreamsExpected(
  input: Iterable<ProduceOp>,
  spec: WindowSpec,
  agg: Aggregator,
  makeProcessor?: (spec: WindowSpec, ctx: KsContext) => KsProcessor,
): Collected {
  const grace = spec.grace ?? 0
  const win = spec.window
  const g = win.type === 'session' ? win.gap + grace : grace
  const strict = spec.emit === 'on-window-close' && (win.type === 'sliding' || win.type === 'session')
  const isClosed =
    spec.emit === 'updates'
      ? () => false
      : strict
        ? (end: number, S: number) => end + g < S
        : (end: number, S: number) => end + g <= S
  const late: LateRecord[] = []
  const parts = new Map<number, { S: number; proc: KsProcessor }>()
  const partsByNumber: ({ S: number; proc: KsProcessor } | undefined)[] = []
  const skipped: string[] = []
  /** by key number (table.keyOf): the partition the key was first seen on */
  const keyPartition: number[] = []
  const splitKeys = new Set<string>()
  // tumbling and hopping windows of the built-in processor live in columns (window-table.ts)
  const ops = Array.isArray(input) ? (input as readonly ProduceOp[]) : [...input]
  const table = new WindowTable(ops, Math.min(ops.length, 1 << 22))
  const columnar = makeProcessor === undefined && (win.type === 'tumbling' || win.type === 'hopping')
  const make = makeProcessor ?? ((s: WindowSpec, ctx: KsContext) => processorFor(s, ctx, table))

  for (let at = 0; at < ops.length; at++) {
    const op = ops[at] as ProduceOp
    if (op.key === null || op.value === null || op.value === undefined || op.ts < 0) {
      skipped.push(op.id)
      continue
    }
    const k = table.keyOf(op.key)
    const seenOn = keyPartition[k]
    if (seenOn === undefined) keyPartition[k] = op.partition
    else if (seenOn !== op.partition) splitKeys.add(op.key)
    let p = partsByNumber[op.partition]
    if (p === undefined) {
      const ctx: KsContext = { partition: op.partition, grace, agg, isClosed, onWindowClose: spec.emit === 'on-window-close', late }
      p = { S: -1, proc: make(spec, ctx) }
      parts.set(op.partition, p)
      partsByNumber[op.partition] = p
    }
    if (op.ts > p.S) p.S = op.ts
    p.proc.process(op, p.S, at, k)
  }

  if (columnar && splitKeys.size === 0) {
    const S = new Map([...parts].map(([partition, p]) => [partition, p.S]))
    table.finish([...parts.keys()], keyPartition, (i) => {
      if (table.lost[i] === 1) return Category.Lost
      const closed = spec.emit === 'updates' || isClosed(table.ends[i] ?? NaN, S.get(table.partitions[i] ?? -1) ?? -1)
      return closed ? Category.Expected : Category.Unclosed
    })
    const result = collected(table, late, [])
    result.notes = [...ksNotes(skipped, result.lost, splitKeys), ...unclosedNotes(result.unclosed)]
    return result
  }

  const out = collectWindows()
  const lost = new Map<string, ExpectedWindow>()
  for (const p of parts.values()) {
    const S = p.S
    p.proc.flush({
      counted(w, isLost) {
        if (isLost) lost.set(windowId(w.key, w.start, w.end), w)
        // a key on one partition has its windows from one processor, which keeps one window per identity
        else out.add(w, spec.emit === 'updates' || isClosed(w.end, S) ? 'expected' : 'unclosed', !splitKeys.has(w.key))
      },
      lateOnly: (w) => out.addLateOnly(w),
      absorbedClosed: (w) => out.tolerate(w),
    })
  }
  const sorted = out.finish()
  if (lost.size > 0) sorted.lost = lost
  const notes = [...ksNotes(skipped, sorted.lost, splitKeys), ...unclosedNotes(sorted.unclosed)]
  if (splitKeys.size > 0) moveKeysToTolerated(sorted, splitKeys)
  return collected(loadWindows(ops, sorted), late, notes)
}

function ksNotes(skipped: readonly string[], lost: ReadonlyMap<string, ExpectedWindow> | undefined, splitKeys: ReadonlySet<string>): Note[] {
  const notes: Note[] = []
  if (skipped.length > 0) {
    notes.push({
      oracle: 'windows',
      kind: 'skipped-records',
      message: `${skipped.length} records with a null key, null value or negative timestamp are skipped by Kafka Streams`,
      detail: { ids: skipped.slice(0, 20) },
    })
  }
  if (lost !== undefined && lost.size > 0) {
    notes.push({
      oracle: 'windows',
      kind: 'lost-on-window-close',
      message: `${lost.size} closed window${lost.size === 1 ? ' is' : 's are'} never emitted by Kafka Streams onWindowClose (stream time jumped past the store's retention before the emit check)`,
      detail: [...lost.values()].slice(0, 20).map((w) => ({ key: w.key, start: w.start, end: w.end, value: w.value })),
    })
  }
  if (splitKeys.size > 0) {
    notes.push({
      oracle: 'windows',
      kind: 'key-on-several-partitions',
      message: `${splitKeys.size} keys arrive on more than one partition; each task aggregates its own copy of their windows, which are not judged`,
      detail: { keys: [...splitKeys].slice(0, 20) },
    })
  }
  return notes
}

function processorFor(spec: WindowSpec, ctx: KsContext, table: WindowTable): KsProcessor {
  const w = spec.window
  switch (w.type) {
    case 'tumbling':
      return ksTimeProcessor(w.size, w.size, ctx, table)
    case 'hopping':
      return ksTimeProcessor(w.size, w.advance, ctx, table)
    case 'sliding':
      return ksSlidingProcessor(w.difference, ctx)
    case 'session':
      return ksSessionProcessor(w.gap, ctx)
  }
}

function moveKeysToTolerated(c: SortedWindows, keys: Set<string>): void {
  for (const map of [c.windows, c.unclosed, ...(c.lost === undefined ? [] : [c.lost])]) {
    for (const [id, w] of map) {
      if (!keys.has(w.key)) continue
      map.delete(id)
      c.tolerated.set(id, w)
    }
  }
}
