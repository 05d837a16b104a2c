import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { loadScenario } from '../../../src/scenario/index.ts'
import { readFixtureAll } from '../../../src/stream/index.ts'
import { markedLine, ORDERS_FIXTURE, scenarioYaml, tempFiles } from './tmp-files.ts'

interface Case {
  name: string
  /** the scenario text; its offending line carries a `# <-` marker unless `fixture` is the culprit */
  yaml: string
  /** extra files; `orders.jsonl` defaults to a good fixture */
  files?: Record<string, string>
  /** the file whose marked line the error must name (default the scenario) */
  culprit?: string
  /** text the message must also contain */
  says: string
}

const cases: Case[] = [
  { name: 'bad YAML syntax', yaml: 'name: x\ntopics:\n  orders: { partitions: 3 }\nsut: { command: node\ninput: [] # <-\n', says: 'YAML syntax error' },
  { name: 'YAML duplicate key', yaml: scenarioYaml({ tail: 'timeout: 5s\ntimeout: 6s # <-' }), says: 'YAML syntax error' },
  { name: 'unknown perturbation', yaml: scenarioYaml({ perturb: '  - shuffle: { within: 5s } # <-' }), says: 'unknown perturbation' },
  { name: 'negative rate', yaml: scenarioYaml({ perturb: '  - duplicate: { rate: -0.1 } # <-' }), says: 'perturb[0].duplicate.rate; expected a number >= 0; found -0.1' },
  { name: 'rate > 1', yaml: scenarioYaml({ perturb: '  - reorder: { within: 1s }\n  - duplicate: { rate: 1.5 } # <-' }), says: 'perturb[1].duplicate.rate; expected a number <= 1; found 1.5' },
  { name: 'reorder with within and positions', yaml: scenarioYaml({ perturb: '  - reorder: { within: 5s, positions: 3 } # <-' }), says: 'exactly one of within, positions' },
  { name: 'duplicate copies 0', yaml: scenarioYaml({ perturb: '  - duplicate: { rate: 0.1, copies: 0 } # <-' }), says: 'perturb[0].duplicate.copies' },
  { name: 'late without by', yaml: scenarioYaml({ perturb: '  - late: { rate: 0.1 } # <-' }), says: 'perturb[0].late.by' },
  { name: "crash-sut after '150%'", yaml: scenarioYaml({ perturb: '  - crash-sut: { after: 150% } # <-' }), says: 'found "150%"' },
  { name: 'crash-sut with after and at', yaml: scenarioYaml({ perturb: '  - crash-sut: { after: 50%, at: 3 } # <-' }), says: 'exactly one of after, at, seeded' },
  { name: 'missing fixture file', yaml: scenarioYaml({ input: '  - topic: orders\n    fixture: missing.jsonl # <-' }), says: 'fixture file not found' },
  {
    name: 'fixture line with bad JSON',
    yaml: scenarioYaml(),
    files: { 'orders.jsonl': `${ORDERS_FIXTURE}{"key":"c3","value":{,"ts":1} // <-\n` },
    culprit: 'orders.jsonl',
    says: 'bad JSON in fixture',
  },
  {
    name: 'fixture ts not a number',
    yaml: scenarioYaml(),
    files: { 'orders.jsonl': `# comment\n\n${ORDERS_FIXTURE}{"key":"c3","value":"<-","headers":{},"ts":"yesterday"}\n` },
    culprit: 'orders.jsonl',
    says: 'ts is not a number',
  },
  {
    name: 'fixture header value not a string',
    yaml: scenarioYaml(),
    files: { 'orders.jsonl': `${ORDERS_FIXTURE}{"key":"c3","value":1,"headers":{"n":1,"m":"<-"},"ts":5}\n` },
    culprit: 'orders.jsonl',
    says: 'header "n" is not a string',
  },
  {
    name: 'fixture partition negative',
    yaml: scenarioYaml(),
    files: { 'orders.jsonl': `{"key":"c3","value":1,"headers":{"m":"<-"},"ts":5,"partition":-1}\n` },
    culprit: 'orders.jsonl',
    says: 'bad partition',
  },
  {
    name: 'avro schema that does not compile',
    yaml: scenarioYaml({
      topics:
        '  orders:\n    value: avro\n    schema: { type: record, name: Order, fields: [{ name: id, type: nosuchtype }] } # <-\n  enriched: {}',
    }),
    says: 'avro schema does not compile',
  },
  {
    name: 'protobuf schema that does not compile',
    yaml: scenarioYaml({ topics: '  orders:\n    value: protobuf\n    message: Order\n    schema: { file: order.proto } # <-\n  enriched: {}' }),
    files: { 'order.proto': 'syntax = "proto3";\nmessage Order { string id = ; }\n' },
    says: 'protobuf schema does not compile',
  },
  {
    name: 'json-schema that does not compile',
    yaml: scenarioYaml({ topics: '  orders:\n    value: json-schema\n    schema: { type: nope } # <-\n  enriched: {}' }),
    says: 'json-schema schema does not compile',
  },
  {
    name: 'schema file missing',
    yaml: scenarioYaml({ topics: '  orders:\n    value: avro\n    schema:\n      file: order.avsc # <-\n  enriched: {}' }),
    says: 'schema file not found',
  },
  { name: 'avro topic without schema', yaml: scenarioYaml({ topics: '  orders: { value: avro } # <-\n  enriched: {}' }), says: 'topics.orders.schema' },
  { name: 'unknown topic in input', yaml: scenarioYaml({ input: '  - topic: orderz # <-\n    fixture: orders.jsonl' }), says: 'an input topic declared under topics: one of orders, enriched' },
  { name: 'unknown value format', yaml: scenarioYaml({ topics: '  orders: { partitions: 3, value: jsn } # <-\n  enriched: {}' }), says: 'found "jsn"' },
  { name: 'partitions 0', yaml: scenarioYaml({ topics: '  orders: { partitions: 0 } # <-\n  enriched: {}' }), says: 'topics.orders.partitions; expected a number >= 1; found 0' },
  { name: 'unknown oracle', yaml: scenarioYaml({ oracles: '  - exactly-twice: { output: enriched } # <-' }), says: 'unknown oracle' },
  // no judge for these yet: refused here, not after the whole run
  {
    name: 'sql oracle (no judge)',
    yaml: scenarioYaml({ oracles: '  - exactly-once: { output: enriched }\n  - sql: { url: "postgres://h/db", query: select 1, expect: rows.jsonl } # <-' }),
    says: 'unknown oracle; at oracles[1].sql; expected an oracle: one of exactly-once, idempotency, windows; found "sql"',
  },
  { name: 'model oracle (no judge)', yaml: scenarioYaml({ oracles: '  - model: { output: enriched } # <-' }), says: 'unknown oracle; at oracles[0].model' },
  { name: 'oracle output not an output topic', yaml: scenarioYaml({ oracles: '  - exactly-once: { output: orders } # <-' }), says: 'oracles[0].exactly-once.output' },
  {
    name: 'windows sum without value',
    yaml: scenarioYaml({
      oracles:
        '  - windows:\n      output: enriched # <- (value is missing: the error points at the windows map)\n      profile: flink\n      window: { tumbling: 10s }\n      aggregate: sum\n      emit: final\n      map: { key: key, start: value.s, end: value.e, value: value.n }',
    }),
    says: 'oracles[0].windows.value',
  },
  {
    name: 'windows input not an input topic',
    yaml: scenarioYaml({
      oracles:
        '  - windows:\n      output: enriched\n      input: enriched # <-\n      profile: kafka-streams\n      window: { tumbling: 10s }\n      aggregate: count\n      emit: final\n      map: { key: key, start: value.s, end: value.e, value: value.n }',
    }),
    says: 'oracles[0].windows.input; expected an input topic listed under input: one of orders; found "enriched"',
  },
  { name: "bad duration '5 parsecs'", yaml: scenarioYaml({ tail: 'timeout: 5 parsecs # <-' }), says: 'found "5 parsecs"' },
  { name: 'missing sut', yaml: scenarioYaml({ name: 'no sut # <-', sut: '' }), says: 'missing; at sut' },
  { name: 'sut ready log is a bad regex', yaml: scenarioYaml({ sut: '  command: node\n  ready: { log: "([" } # <-' }), says: 'a valid regular expression' },
  { name: 'output topic not declared', yaml: scenarioYaml({ output: '  - topic: nowhere # <-' }), says: 'output[0].topic' },
  { name: 'expect with unknown verdict', yaml: scenarioYaml({ tail: 'expect: { verdict: maybe } # <-' }), says: 'expect.verdict' },
  { name: 'unknown top-level key', yaml: scenarioYaml({ tail: 'timeot: 5s # <-' }), says: 'unknown key; at timeot' },
  { name: 'input with fixture and events', yaml: scenarioYaml({ input: '  - topic: orders # <-\n    fixture: orders.jsonl\n    events: []' }), says: 'exactly one of fixture, events, generate' },
  { name: 'bad id path', yaml: scenarioYaml({ input: '  - topic: orders\n    fixture: orders.jsonl\n    id: value..orderId # <-' }), says: 'input[0].id' },
]

describe('malformed scenarios and fixtures are InputErrors (exit 2) at file:line', () => {
  test('the table is big enough', () => expect(cases.length).toBeGreaterThanOrEqual(20))

  test.each(cases)('$name', async (c) => {
    const dir = await tempFiles({ 'orders.jsonl': ORDERS_FIXTURE, ...c.files, 'case.scenario.yaml': c.yaml })
    const culprit = join(dir, c.culprit ?? 'case.scenario.yaml')
    const culpritText = c.culprit ? (c.files?.[c.culprit] ?? '') : c.yaml
    const run = async () => {
      const s = await loadScenario(join(dir, 'case.scenario.yaml'))
      for (const inp of s.input) if (inp.fixture) await readFixtureAll(inp.fixture, { value: s.topics[inp.topic]?.value ?? 'json' })
    }
    const err = await run().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(InputError)
    const e = err as InputError
    expect(e.exitCode).toBe(2)
    expect(e.message).toContain(`${culprit}:${markedLine(culpritText)}`)
    expect(e.message).toContain(c.says)
  })
})

describe('a bad fixture line is found while loading the scenario, before anything runs', () => {
  test('loadScenario names the scenario line, the fixture file:line and what was expected', async () => {
    const fixture = `${ORDERS_FIXTURE}\n# a comment\n{"key":"c3","value":1,"ts":3}\n{"key": "x", "value": {oops\n{"key":"c4","value":1,"ts":4}\n`
    const yaml = scenarioYaml({ input: '  - topic: orders\n    fixture: o.jsonl # <-' })
    const dir = await tempFiles({ 'o.jsonl': fixture, 'case.scenario.yaml': yaml })
    const err = await loadScenario(join(dir, 'case.scenario.yaml')).then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).message).toMatch(
      new RegExp(`^${join(dir, 'case.scenario.yaml')}:${markedLine(yaml)}:\\d+: bad fixture line ${join(dir, 'o.jsonl')}:6: bad JSON in fixture: .*; at input\\[0\\]\\.fixture; expected one JSON object per line$`),
    )
  })

  test('a 200,000-line fixture is streamed through: the bad line near its end is found', async () => {
    const line = (i: number) => `{"key":"k${i % 100}","value":{"n":${i}},"ts":${1_700_000_000_000 + i}}`
    const lines = Array.from({ length: 200_000 }, (_, i) => line(i))
    lines[199_998] = '{"key":"k","value":1,"ts":"late"}'
    const dir = await tempFiles({ 'big.jsonl': `${lines.join('\n')}\n`, 'case.scenario.yaml': scenarioYaml({ input: '  - topic: orders\n    fixture: big.jsonl' }) })
    await expect(loadScenario(join(dir, 'case.scenario.yaml'))).rejects.toThrow(`bad fixture line ${join(dir, 'big.jsonl')}:199999: ts is not a number`)
  })
})
