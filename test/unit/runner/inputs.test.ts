import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { fixtureInputIndex, loadInputs, parseFixtureFlag, withInputEvents, withInputFixtures } from '../../../src/runner/inputs.ts'
import { parseScenario, type Scenario } from '../../../src/scenario/index.ts'
import { writeFixture, type StreamEvent } from '../../../src/stream/index.ts'

const FILE = '/repo/scenarios/two.scenario.yaml'

function scenario(): Scenario {
  return parseScenario(
    {
      name: 'two inputs',
      topics: { orders: { partitions: 2 }, payments: {}, out: {} },
      input: [
        { topic: 'orders', generate: { keys: 2, events: 10, span: '1s' } },
        { topic: 'payments', events: [{ key: 'p', value: 1, ts: 5 }] },
        { topic: 'payments', fixture: 'payments.jsonl' },
      ],
      sut: { command: 'node', args: ['app.mjs'] },
      output: [{ topic: 'out' }],
      oracles: [{ 'exactly-once': { output: 'out' } }],
    },
    { file: FILE },
  )
}

const ev = (key: string, ts: number): StreamEvent => ({ key, value: { ts }, headers: {}, ts, id: `x-${ts}` })

describe('generated and overridden inputs', () => {
  it('a generate input without an override says what it needs', async () => {
    await expect(loadInputs(scenario(), FILE)).rejects.toThrow('generated input needs the property runner (runProperty), or a --fixture override for this input')
  })

  it('withInputEvents puts events in place of generate: the plan inputs then load', async () => {
    const s = scenario()
    const given = [ev('a', 1), ev('b', 2)]
    const fixed = withInputEvents(s, new Map([[0, given]]))
    expect(fixed.input[0]).toEqual({ topic: 'orders', events: given })
    expect(s.input[0]!.generate).toEqual({ keys: 2, events: 10, span: 1000 })
    const dir = await mkdtemp(join(tmpdir(), 'st-inputs-'))
    await writeFixture(join(dir, 'p.jsonl'), [ev('p', 9)])
    const loaded = await loadInputs(withInputFixtures(fixed, { 'input[2]': join(dir, 'p.jsonl') }, FILE), FILE)
    expect(loaded.map((l) => [l.topic, l.partitions, l.events.map((e) => e.ts)])).toEqual([
      ['orders', 2, [1, 2]],
      ['payments', 1, [5]],
      ['payments', 1, [9]],
    ])
  })

  it('--fixture <topic>=<file> replaces that input, resolving the path from cwd', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'st-inputs-'))
    await writeFixture(join(dir, 'regressions/orders-7.jsonl'), [ev('k0', 5_001)])
    const s = withInputFixtures(scenario(), { orders: 'regressions/orders-7.jsonl' }, FILE, dir)
    expect(s.input[0]).toEqual({ topic: 'orders', fixture: join(dir, 'regressions/orders-7.jsonl') })
    const [orders] = await loadInputs({ ...s, input: [s.input[0]!] }, FILE)
    expect(orders!.events.map(({ source: _s, ...e }) => e)).toEqual([ev('k0', 5_001)])
  })

  it('names inputs by topic or input[i]; ambiguous and unknown names are input errors', () => {
    const s = scenario()
    expect(fixtureInputIndex(s, 'orders', FILE)).toBe(0)
    expect(fixtureInputIndex(s, 'input[2]', FILE)).toBe(2)
    expect(() => fixtureInputIndex(s, 'payments', FILE)).toThrow(
      `${FILE}: --fixture payments: 2 inputs write topic payments; expected input[1] or input[2]; found payments`,
    )
    expect(() => fixtureInputIndex(s, 'refunds', FILE)).toThrow('expected one of orders, payments; found refunds')
    expect(() => fixtureInputIndex(s, 'input[3]', FILE)).toThrow('expected input[0] to input[2]')
  })

  it('parseFixtureFlag splits at the first =', () => {
    expect(parseFixtureFlag('orders=fixtures/regressions/a=b.jsonl')).toEqual(['orders', 'fixtures/regressions/a=b.jsonl'])
    expect(() => parseFixtureFlag('orders')).toThrow(InputError)
    expect(() => parseFixtureFlag('=x.jsonl')).toThrow('expected <topic>=<file> or input[<i>]=<file>')
    expect(() => parseFixtureFlag('orders=')).toThrow(InputError)
  })
})
