import { expect, test } from 'vitest'
import type { BackfillReport } from '../../../src/backfill/dry-run.ts'
import { renderBackfillConsole } from '../../../src/backfill/render-console.ts'
import { renderBackfillJson } from '../../../src/backfill/render-json.ts'

const report: BackfillReport = {
  input: { source: 'orders.jsonl', events: 1000, partitions: 3 },
  baseline: { source: 'baseline SUT `node old.mjs` (run b1)', records: 1000, keys: 30, runId: 'b1' },
  candidate: { source: 'new SUT `node new.mjs`', records: 1000, keys: 30, runId: 'r1', env: 'local' },
  diff: {
    added: [{ key: 'c-31', value: { amount: 1 } }],
    removed: [],
    changed: [
      { key: 'c-7', baseline: { amount: 7, note: 'x'.repeat(50) }, candidate: { amount: 8, note: 'x'.repeat(50) } },
      { key: 'c-14', baseline: { amount: 14 }, candidate: { amount: 15 } },
      { key: 'c-21', baseline: { amount: 21 }, candidate: { amount: 22 } },
    ],
    unchanged: 26,
  },
  sourceReadGroups: [],
  phases: { replay: 1200 },
  durationMs: 4321,
}

test('console: sources, counts, both values of each change, truncated with "… N more"', () => {
  expect(renderBackfillConsole(report, { limit: 2, width: 40 })).toBe(
    [
      'backfill dry-run',
      '  input      orders.jsonl: 1000 events, 3 partition(s)',
      '  new        new SUT `node new.mjs` on local (run r1): 1000 records, 30 keys',
      '  baseline   baseline SUT `node old.mjs` (run b1): 1000 records, 30 keys',
      '',
      'per key: 26 unchanged, 1 added, 0 removed, 3 changed',
      '',
      'changed (3)',
      '  c-7',
      '    baseline  {"amount":7,"note":"xxxxxxxxxxxxxxxxxxx…',
      '    new       {"amount":8,"note":"xxxxxxxxxxxxxxxxxxx…',
      '  c-14',
      '    baseline  {"amount":14}',
      '    new       {"amount":15}',
      '  … 1 more',
      '',
      'added (1): only the new SUT wrote these keys',
      '  + c-31  {"amount":1}',
      '',
      '4 key(s) differ',
      '4.3 s; the source cluster was only read',
      '',
    ].join('\n'),
  )
})

test('JSON: counts first, then everything untruncated', () => {
  const json = JSON.parse(renderBackfillJson(report)) as Record<string, unknown>
  expect(json).toMatchObject({ kind: 'backfill-dry-run', identical: false, counts: { baselineKeys: 30, newKeys: 30, unchanged: 26, added: 1, removed: 0, changed: 3 } })
  expect(json.diff).toEqual(report.diff)
})
