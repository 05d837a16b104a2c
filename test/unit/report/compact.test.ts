import { describe, expect, test } from 'vitest'
import { compactJson, compactWhere, firstFew, formatDuration, truncate } from '../../../src/report/compact.ts'
import { runCommand } from '../../../src/report/command.ts'
import { shellQuote } from '../../../src/text/index.ts'
import { stripAnsi } from '../../../src/report/ansi.ts'

describe('compactJson', () => {
  test('one line, cut with an ellipsis at the limit', () => {
    expect(compactJson({ a: [1, 2], b: 'x' })).toBe('{"a":[1,2],"b":"x"}')
    expect(compactJson('x'.repeat(20), 10)).toBe('"xxxxxxxx…')
    expect(compactJson('x'.repeat(20), 10)).toHaveLength(10)
    expect(compactJson('line1\nline2')).toBe('"line1\\nline2"')
  })

  test('undefined, bigint, cycles and shared (non-cyclic) references', () => {
    expect(compactJson(undefined)).toBe('undefined')
    expect(compactJson({ n: 12345678901234567890n })).toBe('{"n":"12345678901234567890"}')
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic['self'] = cyclic
    expect(compactJson(cyclic)).toBe('{"a":1,"self":"[circular]"}')
    const shared = { k: 1 }
    expect(compactJson([shared, shared])).toBe('[{"k":1},{"k":1}]')
  })
})

test('truncate folds line breaks', () => {
  expect(truncate('a\n  b', 10)).toBe('a b')
})

test('firstFew names the rest by count', () => {
  expect(firstFew(['a', 'b'], 2)).toBe('a, b')
  expect(firstFew(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more')
})

test('compactWhere groups fixture lines per file', () => {
  expect(compactWhere(['f.jsonl:3', 'f.jsonl:4', 'g.jsonl:1', 'f.jsonl:4'])).toBe('f.jsonl:3,4, g.jsonl:1')
  expect(compactWhere(['C:\\x\\f.jsonl:3', 'generated'])).toBe('C:\\x\\f.jsonl:3, generated')
  expect(compactWhere(Array.from({ length: 9 }, (_, i) => `f:${i + 1}`), 6)).toBe('f:1,2,3,4,5,6 and 3 more')
  expect(compactWhere(['a:1', 'b:1', 'c:1', 'd:1', 'e:1'], 6, 3)).toBe('a:1, b:1, c:1 and 2 more files')
})

test('formatDuration', () => {
  expect([0, 999, 1000, 1249, 59_949, 59_950, 61_000, 3_600_000].map(formatDuration)).toEqual([
    '0ms', '999ms', '1.0s', '1.2s', '59.9s', '1m 0s', '1m 1s', '60m 0s',
  ])
})

test('runCommand quotes what the shell would split', () => {
  expect(runCommand(['scenarios/a.scenario.yaml', "my app's b.scenario.yaml"], 7)).toBe(
    `npx stream-test run scenarios/a.scenario.yaml 'my app'\\''s b.scenario.yaml' --seed 7`,
  )
  expect(shellQuote('')).toBe("''")
  expect(shellQuote('$HOME')).toBe("'$HOME'")
})

test('stripAnsi removes color and OSC sequences', () => {
  expect(stripAnsi('\x1b[1;31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07')).toBe('red link')
})
