import { describe, expect, test } from 'vitest'
import { ConsoleReporter } from '../../../src/report/console.ts'
import { summarize } from '../../../src/report/summarize.ts'
import type { ScenarioResult } from '../../../src/result/scenario-result.ts'
import { crashDuplicates, duplicated, errored, expectedFail, fakeStream, result, summaryOf, unexpectedFail, withNotes } from './results.ts'

/** Runs a console reporter over results as the runner would; returns live output + final text. `typed`: the words after `run`. */
function report(results: ScenarioResult[], files = [...new Set(results.map((r) => r.file))], typed = files): string {
  const { stream, text } = fakeStream()
  const reporter = new ConsoleReporter({ stream, color: false })
  reporter.onStart(files, 1234)
  for (const r of results) {
    reporter.onScenarioStart(r.file, r.name)
    reporter.onScenarioEnd(r)
  }
  const summary = summarize(results, { typed, seed: 1234, durationMs: 4200 })
  return text() + reporter.finish(results, summary)
}

describe('console reporter (color off)', () => {
  test('a passing scenario: one line, counts, seed, repeat command', () => {
    expect(report([result()])).toMatchInlineSnapshot(`
      "stream-test 1 scenario file, seed 1234
      ✓ orders are enriched exactly once  scenarios/enricher.scenario.yaml  1.2s

      Scenarios  1 passed, 0 failed, 0 errored, 1 total
      Duration   4.2s
      Seed       1234
      Repeat     npx stream-test run scenarios/enricher.scenario.yaml --seed 1234
      "
    `)
  })

  test('an expected failure that was caught counts as passed', () => {
    expect(report([expectedFail])).toMatchInlineSnapshot(`
      "stream-test 1 scenario file, seed 1234
      ✓ the buggy enricher duplicates after a crash  scenarios/buggy-enricher.scenario.yaml  2.5s  (expected fail: duplicated — caught)

      Scenarios  1 passed (1 expected failure caught), 0 failed, 0 errored, 1 total
      Duration   4.2s
      Seed       1234
      Repeat     npx stream-test run scenarios/buggy-enricher.scenario.yaml --seed 1234
      "
    `)
  })

  test('an unexpected failure: violations with ids, where, expected vs actual, crash point, SUT output', () => {
    expect(report([unexpectedFail])).toMatchInlineSnapshot(`
      "stream-test 1 scenario file, seed 1234
      ✗ orders are enriched exactly once  scenarios/enricher.scenario.yaml  1.2s

      ✗ orders are enriched exactly once  scenarios/enricher.scenario.yaml
        expected pass, got 2 violations (duplicated ×1, lost ×1)
        crash: killed SUT after event 120, 37 outputs visible
        1 × duplicated  [exactly-once] — o-17, delivered 2 times, expected 1
          1) duplicated  [exactly-once]
             o-17 has 2 committed outputs, expected 1 (enriched[1]@42, enriched[1]@43)
             ids:      o-17
             where:    fixtures/streams/orders.jsonl:17
             expected: 1
             actual:   {"count":2,"outputs":["enriched[1]@42","enriched[1]@43"]}
        1 × lost  [exactly-once] — 8 ids (o-3 … o-10), each delivered 0 times, expected 1
          2) lost  [exactly-once]
             8 input ids have no committed output
             ids:      o-3, o-4, o-5, o-6, o-7 and 3 more
             where:    fixtures/streams/orders.jsonl:3,4,5,6
             expected: 1
             actual:   {"count":0,"uncommitted":[],"note":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…
        SUT output (2 lines):
          │ enricher: consumed 120
          │ enricher: committed offsets

      Scenarios  0 passed, 1 failed, 0 errored, 1 total
      Duration   4.2s
      Seed       1234
      Repeat     npx stream-test run scenarios/enricher.scenario.yaml --seed 1234

      Repeat the failing scenario alone:
        orders are enriched exactly once
          npx stream-test run scenarios/enricher.scenario.yaml --seed 1234
      "
    `)
  })

  test('an error: one line, the SUT output tail indented, without ANSI codes', () => {
    expect(report([errored])).toMatchInlineSnapshot(`
      "stream-test 1 scenario file, seed 1234
      ! windows are counted  scenarios/window-count.scenario.yaml  480ms

      ! windows are counted  scenarios/window-count.scenario.yaml
        error: SUT exited with code 1 before it was ready (waited for log "ready")
        SUT output (last 20 of 24 lines):
          │ boot step 5
          │ boot step 6
          │ boot step 7
          │ boot step 8
          │ boot step 9
          │ boot step 10
          │ boot step 11
          │ boot step 12
          │ boot step 13
          │ boot step 14
          │ boot step 15
          │ boot step 16
          │ boot step 17
          │ boot step 18
          │ boot step 19
          │ boot step 20
          │ boot step 21
          │ boot step 22
          │ Error: connect ECONNREFUSED 127.0.0.1:9092
          │     at TCPConnectWrap.afterConnect

      Scenarios  0 passed, 0 failed, 1 errored, 1 total
      Duration   4.2s
      Seed       1234
      Repeat     npx stream-test run scenarios/window-count.scenario.yaml --seed 1234

      Repeat the failing scenario alone:
        windows are counted
          npx stream-test run scenarios/window-count.scenario.yaml --seed 1234
      "
    `)
  })

  test('notes are listed apart and do not fail the scenario', () => {
    expect(report([withNotes])).toMatchInlineSnapshot(`
      "stream-test 1 scenario file, seed 1234
      ✓ flink windows agree with the profile  scenarios/flink-windows.scenario.yaml  1m 1s

      ✓ flink windows agree with the profile  scenarios/flink-windows.scenario.yaml
        notes (not failures):
          - indeterminate  [windows] window [0, 10000) of key a depends on when the watermark was emitted  {"key":"a","start":0,"end":10000,"earliest":3,"latest":4}
          - indeterminate  [windows] window [10000, 20000) of key b depends on when the watermark was emitted

      Scenarios  1 passed, 0 failed, 0 errored, 1 total
      Duration   4.2s
      Seed       1234
      Repeat     npx stream-test run scenarios/flink-windows.scenario.yaml --seed 1234
      "
    `)
  })

  test('a mixed run repeats as typed (the folder), and lists each failing scenario with its own repeat command', () => {
    expect(report([result(), expectedFail, unexpectedFail, errored], undefined, ['scenarios/'])).toMatchInlineSnapshot(`
      "stream-test 3 scenario files, seed 1234
      ✓ orders are enriched exactly once  scenarios/enricher.scenario.yaml  1.2s
      ✓ the buggy enricher duplicates after a crash  scenarios/buggy-enricher.scenario.yaml  2.5s  (expected fail: duplicated — caught)
      ✗ orders are enriched exactly once  scenarios/enricher.scenario.yaml  1.2s
      ! windows are counted  scenarios/window-count.scenario.yaml  480ms

      ✗ orders are enriched exactly once  scenarios/enricher.scenario.yaml
        expected pass, got 2 violations (duplicated ×1, lost ×1)
        crash: killed SUT after event 120, 37 outputs visible
        1 × duplicated  [exactly-once] — o-17, delivered 2 times, expected 1
          1) duplicated  [exactly-once]
             o-17 has 2 committed outputs, expected 1 (enriched[1]@42, enriched[1]@43)
             ids:      o-17
             where:    fixtures/streams/orders.jsonl:17
             expected: 1
             actual:   {"count":2,"outputs":["enriched[1]@42","enriched[1]@43"]}
        1 × lost  [exactly-once] — 8 ids (o-3 … o-10), each delivered 0 times, expected 1
          2) lost  [exactly-once]
             8 input ids have no committed output
             ids:      o-3, o-4, o-5, o-6, o-7 and 3 more
             where:    fixtures/streams/orders.jsonl:3,4,5,6
             expected: 1
             actual:   {"count":0,"uncommitted":[],"note":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…
        SUT output (2 lines):
          │ enricher: consumed 120
          │ enricher: committed offsets

      ! windows are counted  scenarios/window-count.scenario.yaml
        error: SUT exited with code 1 before it was ready (waited for log "ready")
        SUT output (last 20 of 24 lines):
          │ boot step 5
          │ boot step 6
          │ boot step 7
          │ boot step 8
          │ boot step 9
          │ boot step 10
          │ boot step 11
          │ boot step 12
          │ boot step 13
          │ boot step 14
          │ boot step 15
          │ boot step 16
          │ boot step 17
          │ boot step 18
          │ boot step 19
          │ boot step 20
          │ boot step 21
          │ boot step 22
          │ Error: connect ECONNREFUSED 127.0.0.1:9092
          │     at TCPConnectWrap.afterConnect

      Scenarios  2 passed (1 expected failure caught), 1 failed, 1 errored, 4 total
      Duration   4.2s
      Seed       1234
      Repeat     npx stream-test run scenarios/ --seed 1234

      Repeat a failing scenario alone:
        orders are enriched exactly once
          npx stream-test run scenarios/enricher.scenario.yaml --seed 1234
        windows are counted
          npx stream-test run scenarios/window-count.scenario.yaml --seed 1234
      "
    `)
  })

  test('expected a failure but the scenario passed', () => {
    const r = result({ expect: { verdict: 'fail', violations: ['duplicated'] }, asExpected: false })
    expect(report([r])).toMatchInlineSnapshot(`
      "stream-test 1 scenario file, seed 1234
      ✗ orders are enriched exactly once  scenarios/enricher.scenario.yaml  1.2s

      ✗ orders are enriched exactly once  scenarios/enricher.scenario.yaml
        expected fail (duplicated), but the scenario passed: no violation found

      Scenarios  0 passed, 1 failed, 0 errored, 1 total
      Duration   4.2s
      Seed       1234
      Repeat     npx stream-test run scenarios/enricher.scenario.yaml --seed 1234

      Repeat the failing scenario alone:
        orders are enriched exactly once
          npx stream-test run scenarios/enricher.scenario.yaml --seed 1234
      "
    `)
  })

  test('expected kinds that were not reported are named', () => {
    const r = result({
      verdict: 'fail',
      expect: { verdict: 'fail', violations: ['duplicated', 'lost'] },
      asExpected: false,
      violations: [duplicated],
    })
    expect(report([r]).split('\n')).toContain(
      '  expected fail (duplicated, lost), got 1 violation (duplicated ×1); not reported: lost',
    )
  })

  test('more than ten violations: grouped by kind and cause, the first ten of each group and a count of the rest', () => {
    const lines = report([crashDuplicates()]).split('\n')
    const at = lines.indexOf('  expected pass, got 301 violations (duplicated ×300, lost ×1)')
    expect(lines.slice(at, at + 3)).toEqual([
      '  expected pass, got 301 violations (duplicated ×300, lost ×1)',
      '  crash: killed SUT after event 299, 300 outputs visible; ready again after 612 ms',
      '  300 × duplicated  [exactly-once] — every input produced before the kill and restart of the SUT after event 299 (seq 0–299, input-0 … input-299) was delivered 2 times, expected 1',
    ])
    const rows = lines.filter((l) => /^ {4}\d+\) /.test(l))
    // numbers are positions in the JSON report: the lost violation sits at 151, so the tenth duplicated is 10
    expect(rows).toEqual([...Array.from({ length: 10 }, (_, i) => `    ${i + 1}) duplicated  [exactly-once]`), '    151) lost  [exactly-once]'])
    const more = lines.indexOf('    … and 290 more (JSON report has all)')
    expect(more).toBeGreaterThan(at)
    expect(lines[more + 1]).toBe('  1 × lost  [exactly-once] — input-450, produced after the kill and restart of the SUT after event 299 (seq 451), delivered 0 times, expected 1')
  })

  test('finish alone (no live events) still lists every scenario line', () => {
    const reporter = new ConsoleReporter({ stream: fakeStream().stream, color: false })
    const text = reporter.finish([result(), errored], summaryOf({ passed: 1, errored: 1 }))
    expect(text.split('\n').slice(0, 2)).toEqual([
      '✓ orders are enriched exactly once  scenarios/enricher.scenario.yaml  1.2s',
      '! windows are counted  scenarios/window-count.scenario.yaml  480ms',
    ])
  })
})

describe('console reporter on a TTY', () => {
  test('shows the running scenario, then replaces it with the result line', () => {
    const { stream, text } = fakeStream(true)
    const reporter = new ConsoleReporter({ stream, color: false })
    reporter.onScenarioStart('a.scenario.yaml', 'a')
    expect(text()).toBe('… a  a.scenario.yaml')
    reporter.onScenarioEnd(result({ name: 'a', file: 'a.scenario.yaml', durationMs: 5 }))
    expect(text()).toBe('… a  a.scenario.yaml\r\x1b[2K✓ a  a.scenario.yaml  5ms\n')
  })

  test('colors by default on a TTY, not on a pipe', () => {
    const tty = fakeStream(true)
    new ConsoleReporter({ stream: tty.stream }).onScenarioEnd(result())
    const pipe = fakeStream(false)
    new ConsoleReporter({ stream: pipe.stream }).onScenarioEnd(result())
    if (process.env['NO_COLOR'] === undefined) expect(tty.text()).toContain('\x1b[32m✓\x1b[39m')
    expect(pipe.text()).not.toContain('\x1b')
  })

  test('color on: failures in red, file names dimmed', () => {
    const { stream, text } = fakeStream()
    new ConsoleReporter({ stream, color: true }).onScenarioEnd(unexpectedFail)
    expect(text()).toBe(
      '\x1b[31m✗\x1b[39m \x1b[1morders are enriched exactly once\x1b[22m  \x1b[2mscenarios/enricher.scenario.yaml\x1b[22m  \x1b[2m1.2s\x1b[22m\n',
    )
  })
})

describe('console reporter with scenarios running at once', () => {
  const a = result({ name: 'a', file: 'a.scenario.yaml', durationMs: 5 })
  const b = result({ name: 'b', file: 'b.scenario.yaml', durationMs: 6 })

  test('a pipe gets result lines in file order, whatever ended first', () => {
    const { stream, text } = fakeStream()
    const reporter = new ConsoleReporter({ stream, color: false })
    reporter.onStart(['a.scenario.yaml', 'b.scenario.yaml'], 1)
    reporter.onScenarioStart('a.scenario.yaml', 'a')
    reporter.onScenarioStart('b.scenario.yaml', 'b')
    reporter.onScenarioProgress(1, 3, 'run', 'b.scenario.yaml')
    reporter.onScenarioEnd(b)
    expect(text()).toBe('stream-test 2 scenario files, seed 1\n  b: generated run 1 of 3\n')
    reporter.onScenarioEnd(a)
    expect(text().split('\n').slice(2)).toEqual(['✓ a  a.scenario.yaml  5ms', '✓ b  b.scenario.yaml  6ms', ''])
    expect(reporter.finish([a, b], summaryOf({ passed: 2 })).split('\n')[0]).toBe('')
  })

  test('a TTY shows one line per running scenario with its progress, and clears them all', () => {
    const { stream, text } = fakeStream(true)
    const reporter = new ConsoleReporter({ stream, color: false })
    reporter.onStart(['a.scenario.yaml', 'b.scenario.yaml'], 1)
    const since = text().length
    reporter.onScenarioStart('a.scenario.yaml', 'a')
    reporter.onScenarioStart('b.scenario.yaml', 'b')
    reporter.onScenarioProgress(2, 5, 'run', 'a.scenario.yaml')
    expect(text().slice(since)).toBe(
      '… a  a.scenario.yaml' + '\r\x1b[2K… a  a.scenario.yaml\n… b  b.scenario.yaml' + '\r\x1b[2K\x1b[1A\x1b[2K… a  a.scenario.yaml  run 2/5\n… b  b.scenario.yaml',
    )
    const before = text().length
    reporter.onScenarioEnd(b)
    expect(text().slice(before)).toBe('\r\x1b[2K\x1b[1A\x1b[2K… a  a.scenario.yaml  run 2/5')
    const after = text().length
    reporter.onScenarioEnd(a)
    expect(text().slice(after)).toBe('\r\x1b[2K✓ a  a.scenario.yaml  5ms\n✓ b  b.scenario.yaml  6ms\n')
  })
})
