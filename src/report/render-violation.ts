import type { Note, Violation } from '../oracle/violation.ts'
import type { CrashRecord } from '../result/index.ts'
import type { Paint } from './ansi.ts'
import { compactJson, compactWhere, firstFew } from './compact.ts'
import { plural } from '../text/index.ts'

/**
 * One violation as indented lines:
 *   1) duplicated  [exactly-once]
 *      o-17 has 2 committed outputs, expected 1
 *      ids:      o-17
 *      where:    orders.jsonl:17,18
 *      expected: 1
 *      actual:   {"count":2}
 */
export function renderViolation(v: Violation, n: number, p: Paint, indent = '  '): string[] {
  const body = `${indent}${' '.repeat(String(n).length + 2)}`
  const lines = [`${indent}${n}) ${p.red(p.bold(v.kind))}  ${p.dim(`[${v.oracle}]`)}`]
  if (v.message !== '') lines.push(...v.message.split('\n').map((l) => body + l))
  if (v.ids.length > 0) lines.push(`${body}${p.dim('ids:     ')} ${firstFew(v.ids, 5)}`)
  if (v.where.length > 0) lines.push(`${body}${p.dim('where:   ')} ${p.cyan(compactWhere(v.where))}`)
  if ('expected' in v) lines.push(`${body}${p.dim('expected:')} ${p.green(compactJson(v.expected))}`)
  if ('actual' in v) lines.push(`${body}${p.dim('actual:  ')} ${p.red(compactJson(v.actual))}`)
  return lines
}

/** `- indeterminate  [windows] window [0, 10000) of key a depends on timing  {"detail":1}` */
export function renderNote(note: Note, p: Paint, indent = '  '): string {
  const detail = 'detail' in note && note.detail !== undefined ? `  ${p.dim(compactJson(note.detail, 120))}` : ''
  return `${indent}- ${p.yellow(note.kind)}  ${p.dim(`[${note.oracle}]`)} ${note.message}${detail}`
}

/**
 * One fault step as carried out: `killed SUT after event 120, 37 outputs visible`, or with instances,
 * eviction and timings: `killed SUT instance 1 after event 120, 37 outputs visible; evicted 1 member; ready again after 612 ms`.
 */
export function renderCrash(c: CrashRecord): string {
  const outputs = c.outputsAtKill === 1 ? '1 output' : `${c.outputsAtKill} outputs`
  const who = c.instance !== undefined ? `SUT instance ${c.instance}` : 'SUT'
  const head = {
    'crash-sut': `killed ${who} after event ${c.afterSeq}, ${outputs} visible`,
    'pause-sut': `paused ${who} after event ${c.afterSeq} for ${c.pausedMs ?? 0} ms, ${outputs} visible`,
    'scale-sut': `scaled the SUT from ${c.scaled?.from ?? '?'} to ${plural(c.scaled?.to ?? 0, 'instance')} after event ${c.afterSeq}`,
    'restart-broker': `restarted ${c.broker ? brokerName(c.broker) : 'the broker'} after event ${c.afterSeq}`,
    'kill-broker': `killed ${brokerName(c.broker)} after event ${c.afterSeq}, ${outputs} visible`,
    'pause-broker': `paused ${brokerName(c.broker)} after event ${c.afterSeq} for ${c.pausedMs ?? '?'} ms, ${outputs} visible`,
    network: `network ${c.network ?? 'fault'} at ${c.broker ? brokerName(c.broker) : 'every broker'} after event ${c.afterSeq} for ${c.lastedMs ?? '?'} ms`,
  }[c.kind ?? 'crash-sut']
  const tail: string[] = []
  if (c.evicted) tail.push(c.evicted.members > 0 ? `evicted ${plural(c.evicted.members, 'group member')}` : `no member evicted${c.evicted.note ? ` (${c.evicted.note})` : ''}`)
  if (c.downMs !== undefined && c.kind !== 'pause-sut') tail.push(`${c.kind === 'kill-broker' ? 'back in the cluster' : 'ready again'} after ${c.downMs} ms`)
  else if (c.kind === 'kill-broker') tail.push('down until the run ended')
  return [head, ...tail].join('; ')
}

/** `broker 2 (leader of orders/0)`: the node a broker step resolved to and the role that named it. */
function brokerName(b: { id: number; role?: string } | undefined): string {
  if (!b) return 'a broker'
  return b.role ? `broker ${b.id} (${b.role})` : `broker ${b.id}`
}

/** `duplicated ×2, lost ×1`, kinds in order of first appearance. */
export function kindTally(violations: readonly Violation[]): string {
  const counts = new Map<string, number>()
  for (const v of violations) counts.set(v.kind, (counts.get(v.kind) ?? 0) + 1)
  return [...counts].map(([kind, count]) => `${kind} ×${count}`).join(', ')
}
