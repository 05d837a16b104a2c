import { expect, test } from 'stream-test/vitest'
import { duplicate, reorder } from 'stream-test'
import { startEnricher } from '../src/enricher.js'

test('every order is enriched exactly once when orders arrive out of order', async ({ streams, sut, replay, collect }) => {
  const orders = await streams.topic('orders', { partitions: 3 }) // st.<testId>.orders, removed after the test
  const enriched = await streams.topic('enriched', { partitions: 3 })
  await sut.start({ run: ({ brokers, group }) => startEnricher({ brokers, group, input: orders.name, output: enriched.name }) })
  const sent = await replay(orders, 'fixtures/orders.jsonl', { seed: 7, perturb: [reorder({ within: '2s' })] })
  expect(await collect(enriched)).toBeExactlyOnce(sent)
})

test('redelivered orders are caught: the enricher does not deduplicate', async ({ streams, sut, replay, collect }) => {
  const orders = await streams.topic('orders')
  const enriched = await streams.topic('enriched')
  await sut.start({ run: ({ brokers, group }) => startEnricher({ brokers, group, input: orders.name, output: enriched.name }) })
  const sent = await replay(orders, 'fixtures/orders.jsonl', { seed: 7, perturb: [duplicate({ rate: 0.2 })] })
  expect(await collect(enriched)).not.toBeExactlyOnce(sent)
})
