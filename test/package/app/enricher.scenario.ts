import { defineScenario } from 'stream-test'
import { startEnricher } from './src/enricher.js'

export default defineScenario({
  name: 'the enricher writes every order exactly once, reordered input',
  topics: { orders: { partitions: 3 }, enriched: { partitions: 3 } },
  input: [{ topic: 'orders', fixture: './fixtures/orders.jsonl', id: 'value.orderId' }],
  perturb: [{ reorder: { within: '2s' } }],
  sut: { run: ({ brokers, group, topics }) => startEnricher({ brokers, group, input: topics.orders, output: topics.enriched }) },
  output: [{ topic: 'enriched', id: 'headers.st-id' }],
  oracles: [{ 'exactly-once': { output: 'enriched' } }],
  expect: 'pass',
  timeout: '60s',
})
