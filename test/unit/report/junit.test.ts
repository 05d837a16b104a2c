import { describe, expect, test } from 'vitest'
import { JunitReporter } from '../../../src/report/junit.ts'
import { summarize } from '../../../src/report/summarize.ts'
import type { ScenarioResult } from '../../../src/result/scenario-result.ts'
import { crashDuplicates, errored, expectedFail, result, unexpectedFail, withNotes } from './results.ts'

function junit(results: ScenarioResult[]): string {
  const files = [...new Set(results.map((r) => r.file))]
  return new JunitReporter().finish(results, summarize(results, { typed: files, seed: 1234, durationMs: 4200 }))
}

interface Element {
  name: string
  attrs: Record<string, string>
  children: Element[]
  text: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_m, e: string) =>
    e.startsWith('#') ? String.fromCharCode(Number(e.slice(1))) : (ENTITIES[e] ?? ''),
  )

/**
 * A strict little parser for the XML subset the reporter writes; throws on anything not well-formed:
 * unbalanced tags, a raw `<` or `&` in text, a bad attribute, a character XML forbids.
 */
function parseXml(xml: string): Element {
  if (/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.test(xml)) throw new Error('forbidden control character')
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '')
  const root: Element = { name: '#root', attrs: {}, children: [], text: '' }
  const stack = [root]
  const token = /<(\/?)([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy
  let m: RegExpExecArray | null
  let at = 0
  while (at < body.length && (m = token.exec(body)) !== null) {
    at = token.lastIndex
    const top = stack[stack.length - 1]!
    const [, close, name, attrText, selfClose, text] = m
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text) || text.includes('>')) throw new Error(`bad text ${text}`)
      top.text += unescape(text)
    } else if (close === '/') {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`)
      stack.pop()
    } else {
      const attrs: Record<string, string> = {}
      for (const a of (attrText ?? '').matchAll(/([\w-]+)="([^"]*)"/g)) {
        if (/&(?!(amp|lt|gt|quot|apos|#\d+);)|>|'/.test(a[2]!)) throw new Error(`bad attribute ${a[0]}`)
        attrs[a[1]!] = unescape(a[2]!)
      }
      const el: Element = { name: name!, attrs, children: [], text: '' }
      top.children.push(el)
      if (selfClose !== '/') stack.push(el)
    }
  }
  if (at !== body.length) throw new Error(`not XML at ${at}: ${body.slice(at, at + 40)}`)
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`)
  if (root.children.length !== 1) throw new Error('more than one root element')
  return root.children[0]!
}

const child = (el: Element, name: string) => el.children.filter((c) => c.name === name)

describe('JUnit reporter', () => {
  test('one testsuite per file, counts on every level, the caught failure passes', () => {
    const xml = parseXml(junit([result(), expectedFail, unexpectedFail, errored, withNotes]))
    expect(xml.name).toBe('testsuites')
    expect(xml.attrs).toEqual({ name: 'stream-test', tests: '5', failures: '1', errors: '1', skipped: '0', time: '4.200' })
    const suites = child(xml, 'testsuite')
    expect(suites.map((s) => [s.attrs['name'], s.attrs['tests'], s.attrs['failures'], s.attrs['errors'], s.attrs['time']])).toEqual([
      ['scenarios/enricher.scenario.yaml', '2', '1', '0', '2.468'],
      ['scenarios/buggy-enricher.scenario.yaml', '1', '0', '0', '2.500'],
      ['scenarios/window-count.scenario.yaml', '1', '0', '1', '0.480'],
      ['scenarios/flink-windows.scenario.yaml', '1', '0', '0', '61.000'],
    ])
    const props = child(child(suites[0]!, 'properties')[0]!, 'property').map((p) => p.attrs)
    expect(props).toEqual([
      { name: 'seed', value: '1234' },
      {
        name: 'repeat-run',
        value:
          'npx stream-test run scenarios/enricher.scenario.yaml scenarios/buggy-enricher.scenario.yaml scenarios/window-count.scenario.yaml scenarios/flink-windows.scenario.yaml --seed 1234',
      },
    ])
    const cases = suites.flatMap((s) => child(s, 'testcase'))
    expect(cases.map((c) => [c.attrs['classname'], c.attrs['name'], c.children.map((x) => x.name)])).toEqual([
      ['scenarios/enricher.scenario.yaml', 'orders are enriched exactly once', ['system-out']],
      ['scenarios/enricher.scenario.yaml', 'orders are enriched exactly once', ['failure', 'system-out']],
      ['scenarios/buggy-enricher.scenario.yaml', 'the buggy enricher duplicates after a crash', ['system-out']],
      ['scenarios/window-count.scenario.yaml', 'windows are counted', ['error', 'system-out']],
      ['scenarios/flink-windows.scenario.yaml', 'flink windows agree with the profile', ['system-out']],
    ])
  })

  test('a failure carries the mismatch as message, the kinds as type, the rendered violations as text', () => {
    const tc = child(child(parseXml(junit([unexpectedFail])), 'testsuite')[0]!, 'testcase')[0]!
    const failure = child(tc, 'failure')[0]!
    expect(failure.attrs).toEqual({ message: 'expected pass, got 2 violations (duplicated ×1, lost ×1)', type: 'duplicated,lost' })
    expect(failure.text.split('\n')).toEqual(expect.arrayContaining([
      '  1 × duplicated  [exactly-once] — o-17, delivered 2 times, expected 1',
      '    1) duplicated  [exactly-once]',
      '       where:    fixtures/streams/orders.jsonl:17',
      '       actual:   {"count":2,"outputs":["enriched[1]@42","enriched[1]@43"]}',
      '  crash: killed SUT after event 120, 37 outputs visible',
    ]))
    expect(child(tc, 'system-out')[0]!.text).toBe(
      'seed: 1234\nrepeat: npx stream-test run scenarios/enricher.scenario.yaml --seed 1234\ncrash: killed SUT after event 120, 37 outputs visible',
    )
  })

  test('a crash scenario with 300 duplicated: one heading for the group, its first ten rows, a count of the rest', () => {
    const tc = child(child(parseXml(junit([crashDuplicates()])), 'testsuite')[0]!, 'testcase')[0]!
    const text = child(tc, 'failure')[0]!.text.split('\n')
    expect(text.filter((l) => l.includes(' × '))).toEqual([
      '  300 × duplicated  [exactly-once] — every input produced before the kill and restart of the SUT after event 299 (seq 0–299, input-0 … input-299) was delivered 2 times, expected 1',
      '  1 × lost  [exactly-once] — input-450, produced after the kill and restart of the SUT after event 299 (seq 451), delivered 0 times, expected 1',
    ])
    expect(text.filter((l) => /^ {4}\d+\) duplicated/.test(l))).toHaveLength(10)
    expect(text).toContain('    … and 290 more (JSON report has all)')
  })

  test('an error carries its one line as message and the SUT output without ANSI codes', () => {
    const tc = child(child(parseXml(junit([errored])), 'testsuite')[0]!, 'testcase')[0]!
    const error = child(tc, 'error')[0]!
    expect(error.attrs).toEqual({ message: 'error: SUT exited with code 1 before it was ready (waited for log "ready")', type: 'error' })
    expect(error.text).toContain('    │ Error: connect ECONNREFUSED 127.0.0.1:9092\n')
    expect(error.text).not.toContain('[31m')
  })

  test('an expected failure and notes are said in system-out', () => {
    const cases = child(parseXml(junit([expectedFail, withNotes])), 'testsuite').map((s) => child(s, 'testcase')[0]!)
    expect(cases.map((c) => child(c, 'system-out')[0]!.text)).toEqual([
      [
        'seed: 1234',
        'repeat: npx stream-test run scenarios/buggy-enricher.scenario.yaml --seed 1234',
        'expected fail: duplicated — caught (the failure this scenario expects, so the testcase passes)',
        'crash: killed SUT after event 120, 37 outputs visible',
      ].join('\n'),
      [
        'seed: 1234',
        'repeat: npx stream-test run scenarios/flink-windows.scenario.yaml --seed 1234',
        'notes (not failures):',
        '  - indeterminate  [windows] window [0, 10000) of key a depends on when the watermark was emitted  {"key":"a","start":0,"end":10000,"earliest":3,"latest":4}',
        '  - indeterminate  [windows] window [10000, 20000) of key b depends on when the watermark was emitted',
      ].join('\n'),
    ])
  })

  test(`escapes <&>"' in names and text, keeps line breaks in attributes, strips control characters`, () => {
    const nasty = `a <b> & "c"\n'd'\x01\x1b[31m\x7f\uFFFF`
    const r = result({
      name: nasty,
      file: `x&y<z>.scenario.yaml`,
      verdict: 'error',
      asExpected: false,
      error: `broker said <nope> & "bye"\x00`,
      sutOutput: [`]]> <![CDATA[ & \x02 \ud800`],
      repeat: `npx stream-test run 'x&y<z>.scenario.yaml' --seed 1234`,
    })
    const xml = junit([r])
    expect(xml).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFF\ud800]/)
    expect(xml).toContain(`<testcase name="a &lt;b&gt; &amp; &quot;c&quot;&#10;&apos;d&apos;" classname="x&amp;y&lt;z&gt;.scenario.yaml"`)
    const tc = child(child(parseXml(xml), 'testsuite')[0]!, 'testcase')[0]!
    expect(tc.attrs['name']).toBe(`a <b> & "c"\n'd'`)
    expect(tc.attrs['classname']).toBe('x&y<z>.scenario.yaml')
    expect(child(tc, 'error')[0]!.attrs['message']).toBe('error: broker said <nope> & "bye"')
    expect(child(tc, 'error')[0]!.text).toContain('    │ ]]> <![CDATA[ &  ')
    expect(child(tc, 'system-out')[0]!.text).toContain(`repeat: npx stream-test run 'x&y<z>.scenario.yaml' --seed 1234`)
  })

  test('the parser used here rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow('</a> closes <b>')
    expect(() => parseXml('<a>x & y</a>')).toThrow('bad text')
    expect(() => parseXml('<a t="<"></a>')).toThrow('not XML')
    expect(() => parseXml('<a>\x01</a>')).toThrow('forbidden control character')
    expect(parseXml('<a t="1&#10;2">x &amp; y</a>')).toEqual({ name: 'a', attrs: { t: '1\n2' }, children: [], text: 'x & y' })
  })
})
