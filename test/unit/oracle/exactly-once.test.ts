import { describe, expect, test } from 'vitest'
import { judgeExactlyOnce } from '../../../src/oracle/exactly-once.ts'
import type { PlanOp } from '../../../src/replay/plan.ts'
import type { Violation } from '../../../src/oracle/violation.ts'
import { op, out, topic } from './builders.ts'
import { cpuTime } from './cpu-time.ts'

const kinds = (vs: Violation[]) => vs.map((v) => [v.kind, v.ids])

describe('judgeExactlyOnce', () => {
  test('every input id delivered once: no violations, faults and duplicates of the input ignored', () => {
    const inputs: PlanOp[] = [op(0, 'a'), op(1, 'b'), { kind: 'crash-sut', seq: 2 }, op(3, 'c'), op(4, 'b', 'k', { copy: 1 })]
    const r = judgeExactlyOnce({ inputs, output: topic([out(0, 0, 'a'), out(0, 1, 'b'), out(0, 2, 'c')]), reordered: true })
    expect(r).toEqual({ violations: [], notes: [] })
  })

  test('lost: an id with no committed output, with its fixture line', () => {
    const r = judgeExactlyOnce({ inputs: [op(0, 'a'), op(1, 'b'), op(2, 'c')], output: topic([out(0, 0, 'a'), out(0, 1, 'c')]) })
    expect(r.violations).toEqual([
      {
        oracle: 'exactly-once', kind: 'lost', ids: ['b'], where: ['orders.jsonl:2'], expected: 1,
        actual: { count: 0, outputs: [] }, message: 'b delivered 0 times, expected 1 (input orders.jsonl:2)',
      },
    ])
  })

  test('duplicated: names the partitions and offsets of every copy', () => {
    const inputs = [op(0, 'order-16'), op(41, 'order-17')]
    const output = topic([out(1, 42, 'order-17'), out(0, 3, 'order-16'), out(1, 57, 'order-17')])
    const r = judgeExactlyOnce({ inputs, output })
    expect(r.violations).toEqual([
      {
        oracle: 'exactly-once', kind: 'duplicated', ids: ['order-17'], where: ['orders.jsonl:42'], expected: 1,
        actual: { count: 2, outputs: ['enriched[1]@42', 'enriched[1]@57'] },
        message: 'order-17 delivered 2 times, expected 1 (enriched[1]@42, enriched[1]@57)',
      },
    ])
  })

  test('guarantee at-least-once: duplicates are a note, a loss is still a violation', () => {
    const inputs = [op(0, 'a'), op(1, 'b'), op(2, 'c')]
    const output = topic([out(0, 0, 'a'), out(0, 1, 'a'), out(0, 2, 'c')])
    const r = judgeExactlyOnce({ inputs, output, guarantee: 'at-least-once' })
    expect(kinds(r.violations)).toEqual([['lost', ['b']]])
    expect(r.notes).toEqual([{ oracle: 'exactly-once', kind: 'duplicated-allowed', message: '1 input id(s) delivered more than once, allowed by guarantee: at-least-once (a)' }])
    expect(kinds(judgeExactlyOnce({ inputs, output }).violations)).toEqual([['duplicated', ['a']], ['lost', ['b']]])
  })

  test('duplicated for an id expected 0 times (a filtered event that came out)', () => {
    const r = judgeExactlyOnce({
      inputs: [op(0, 'keep'), op(1, 'drop')],
      output: topic([out(0, 0, 'keep'), out(0, 1, 'drop')]),
      expectedCount: (id) => (id === 'drop' ? 0 : 1),
    })
    expect(kinds(r.violations)).toEqual([['duplicated', ['drop']]])
    expect(r.violations[0]?.message).toBe('drop delivered 1 time, expected 0 (enriched[0]@1)')
  })

  test('an expected count above 1 is met exactly, and shortfalls against it are lost', () => {
    const inputs = [op(0, 'a'), op(1, 'b')]
    const output = topic([out(0, 0, 'a'), out(0, 1, 'a'), out(0, 2, 'b')])
    const r = judgeExactlyOnce({ inputs, output, expectedCount: () => 2 })
    expect(kinds(r.violations)).toEqual([['lost', ['b']]])
    expect(r.violations[0]?.actual).toEqual({ count: 1, outputs: ['enriched[0]@2'] })
  })

  test('unexpected: an output id no input explains, and outputs without any id', () => {
    const output = topic([out(0, 0, 'a'), out(0, 1, 'ghost'), out(2, 9, undefined), out(2, 10, undefined)])
    const r = judgeExactlyOnce({ inputs: [op(0, 'a')], output })
    expect(kinds(r.violations)).toEqual([['unexpected', ['ghost']], ['unexpected', []]])
    expect(r.violations.map((v) => v.message)).toEqual([
      'output id ghost matches no input: 1 time (enriched[0]@1)',
      '2 output(s) carry no id at headers.st-id (enriched[2]@9, enriched[2]@10)',
    ])
  })

  test('aborted-read: output exists only in a transaction that never committed', () => {
    const output = topic([out(0, 0, 'a')], [out(0, 1, 'b')])
    const r = judgeExactlyOnce({ inputs: [op(0, 'a'), op(1, 'b')], output })
    expect(r.violations).toEqual([
      {
        oracle: 'exactly-once', kind: 'aborted-read', ids: ['b'], where: ['orders.jsonl:2'], expected: 1,
        actual: { count: 0, outputs: [], uncommittedOnly: ['enriched[0]@1'] },
        message: 'b delivered 0 times in read_committed, expected 1; its output is only in transactions that never committed (enriched[0]@1)',
      },
    ])
  })

  test('an aborted attempt that was retried and committed is normal, not a violation', () => {
    // offset 0: aborted attempt for a (and its abort marker at 1); offset 2: the committed retry
    const output = topic([out(0, 2, 'a'), out(0, 3, 'b')], [out(0, 0, 'a')])
    expect(judgeExactlyOnce({ inputs: [op(0, 'a'), op(1, 'b')], output }).violations).toEqual([])
  })

  test('aborted records whose id matches nothing are not reported (only committed output counts)', () => {
    const output = topic([out(0, 1, 'a')], [out(0, 0, 'ghost'), out(0, 2, undefined)])
    expect(judgeExactlyOnce({ inputs: [op(0, 'a')], output }).violations).toEqual([])
  })

  test('correlation by a value path and by a function', () => {
    const inputs = [op(0, '17'), op(1, '18')]
    const output = topic([{ ...out(0, 0, undefined), value: { order: { id: 17 } } }, { ...out(0, 1, undefined), value: { order: { id: 17 } } }])
    expect(kinds(judgeExactlyOnce({ inputs, output, id: 'value.order.id' }).violations)).toEqual([
      ['duplicated', ['17']],
      ['lost', ['18']],
    ])
    const byOffset = judgeExactlyOnce({ inputs, output, id: (r) => String(17 + Number(r.offset)) })
    expect(byOffset.violations).toEqual([])
  })

  test('reordered: per key, outputs out of input arrival order name the misplaced id', () => {
    const inputs = [op(0, 'a1', 'A'), op(1, 'b1', 'B'), op(2, 'a2', 'A'), op(3, 'a3', 'A'), op(4, 'b2', 'B')]
    const output = topic([out(0, 0, 'a1', 'A'), out(0, 1, 'a3', 'A'), out(0, 2, 'b1', 'B'), out(0, 3, 'a2', 'A'), out(0, 4, 'b2', 'B')])
    const r = judgeExactlyOnce({ inputs, output, reordered: true })
    expect(r.violations).toEqual([
      {
        oracle: 'exactly-once', kind: 'reordered', ids: ['a3'], where: ['orders.jsonl:4'],
        expected: ['a1', 'a2', 'a3'], actual: ['a1', 'a3', 'a2'],
        message: 'key A: outputs in order a1, a3, a2; input order a1, a2, a3 (out of place: a3)',
      },
    ])
    expect(judgeExactlyOnce({ inputs, output }).violations).toEqual([])
  })

  test('reordered compares offsets as numbers and uses the first arrival of a duplicated input', () => {
    // a arrives first, then b, then a copy of a: the order to keep is a, b
    const inputs = [op(0, 'a'), op(1, 'b'), op(2, 'a', 'k', { copy: 1 })]
    const good = topic([out(0, 9, 'a'), out(0, 10, 'b')])
    expect(judgeExactlyOnce({ inputs, output: good, reordered: true }).violations).toEqual([])
    const bad = topic([out(0, 9, 'b'), out(0, 10, 'a')])
    expect(kinds(judgeExactlyOnce({ inputs, output: bad, reordered: true }).violations)).toEqual([['reordered', ['b']]])
  })

  test('reordered: a key whose outputs span partitions gets a note, not a violation', () => {
    const inputs = [op(0, 'a'), op(1, 'b')]
    const r = judgeExactlyOnce({ inputs, output: topic([out(1, 0, 'b'), out(0, 5, 'a')]), reordered: true })
    expect(r.violations).toEqual([])
    expect(r.notes.map((n) => [n.kind, n.message])).toEqual([
      ['order-undefined', 'key k: outputs span partitions 0, 1, so their order is not checked'],
    ])
  })

  test('10k ids with one lost, one duplicated and one aborted: exact ids, fast', () => {
    const n = 10_000
    const inputs = Array.from({ length: n }, (_, i) => op(i, `id-${i}`, `key-${i % 100}`, { partition: i % 100 }))
    const committed = []
    for (let i = 0; i < n; i++) {
      if (i === 1234 || i === 4321) continue
      committed.push(out(i % 100, Math.floor(i / 100), `id-${i}`, `key-${i % 100}`))
    }
    committed.push(out(77, 5000, 'id-777', 'key-77'))
    const output = topic(committed.reverse(), [out(21, 6000, 'id-4321', 'key-21')])
    const { result: r, ms } = cpuTime(() => judgeExactlyOnce({ inputs, output, reordered: true }))
    expect(kinds(r.violations)).toEqual([['duplicated', ['id-777']], ['lost', ['id-1234']], ['aborted-read', ['id-4321']]])
    expect(r.notes).toEqual([])
    // CPU time, not wall time: ~50-200 ms of CPU; quadratic work on 10k ids would not fit
    expect(ms).toBeLessThan(2000)
  })
})
