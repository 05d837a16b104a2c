import { expect, test } from 'stream-test/vitest'
import { duplicate, reorder } from 'stream-test'
import { passthrough } from './apps.ts'

const orders = Array.from({ length: 30 }, (_, i) => ({ key: `c${i % 4}`, value: { orderId: `o-${i}`, amount: i }, ts: 1_700_000_000_000 + i * 1000 }))

test('a correct passthrough is exactly-once under reordered input', async ({ streams, sut, replay, collect }) => {
  const input = await streams.topic('in', { partitions: 2 })
  const output = await streams.topic('out', { partitions: 2 })
  await sut.start({ run: passthrough() })
  const sent = await replay(input, orders, { seed: 7, perturb: [reorder({ within: '3s' })] })
  const got = await collect(output)
  expect(got).toBeExactlyOnce(sent)
  expect(got.committed).toHaveLength(30)
})

test('a SUT that writes every 5th record twice is caught', async ({ streams, sut, replay, collect }) => {
  const input = await streams.topic('in')
  const output = await streams.topic('out')
  await sut.start({ run: passthrough({ duplicateEvery: 5 }) })
  const sent = await replay(input, orders, { seed: 11, perturb: [duplicate({ rate: 0 })] })
  const got = await collect(output)
  expect(got).not.toBeExactlyOnce(sent)
  expect(() => expect(got).toBeExactlyOnce(sent)).toThrow(/6 violations \(duplicated ×6\)[\s\S]*1\) duplicated {2}\[exactly-once\][\s\S]*seed: 11/)
})

test('toMatchFixture compares key and value as a multiset', async ({ streams, replay, collect }) => {
  const topic = await streams.topic('t')
  await replay(topic, 'fixtures/three.jsonl', { seed: 1 })
  const got = await collect(topic, { settle: 200 })
  await expect(got).toMatchFixture('fixtures/three.jsonl')
  await expect(got).not.toMatchFixture('fixtures/two.jsonl')
})

test('runScenario runs a whole scenario object in-process against the run broker', async ({ runScenario }) => {
  const result = await runScenario({
    name: 'passthrough keeps every order once',
    topics: { in: { partitions: 2 }, out: { partitions: 2 } },
    input: [{ topic: 'in', events: orders.slice(0, 10) }],
    sut: { run: passthrough() },
    output: [{ topic: 'out' }],
    oracles: [{ 'exactly-once': { output: 'out' } }],
    seed: 5,
  })
  expect({ verdict: result.verdict, error: result.error, violations: result.violations }).toEqual({ verdict: 'pass', error: undefined, violations: [] })
  expect(result.seed).toBe(5)
})
