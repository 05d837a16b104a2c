import { kafkaFor } from '../src/env/index.ts'
import { median, type Benchmark } from './benchmark.ts'
import { benchEvents, valueBytes } from './events.ts'
import { producerPerformance } from './producer-performance.ts'
import { deleteTopic, freshTopic, replayToTopic } from './replay-to-topic.ts'

const N = 200_000

/**
 * Replay throughput: 200,000 events (~100-byte JSON values) at max pace through buildPlan + replayPlan,
 * next to Kafka's ProducerPerformance (same record count and size, acks=all) on the same broker.
 */
export const replayThroughput: Benchmark = {
  id: 'replay',
  title: 'replay throughput',
  metrics: [
    { key: 'replay', name: `${N.toLocaleString('en-US')} events, buildPlan + replayPlan`, unit: 'records/s', digits: 0 },
    { key: 'kafka', name: 'Kafka ProducerPerformance, same broker', unit: 'records/s', digits: 0 },
    { key: 'ratio', name: 'replay / ProducerPerformance', unit: 'ratio', target: { op: '>=', value: 0.5 } },
    { key: 'spread', name: `${N.toLocaleString('en-US')} events over 3 partitions (one send per partition and batch)`, unit: 'records/s', digits: 0 },
    { key: 'spreadRatio', name: '3 partitions / 1 partition', unit: 'ratio' },
  ],
  async start(ctx) {
    const env = await ctx.env()
    const kafka = kafkaFor(env.connection, 'bench-replay')
    const events = benchEvents(N)
    const bytes = median(events.slice(0, 1000).map(valueBytes))
    const planMs: number[] = []
    return {
      async repeat() {
        const mine = await freshTopic(kafka, 'replay')
        const theirs = await freshTopic(kafka, 'pperf')
        const spread = await freshTopic(kafka, 'replay3', 3)
        try {
          const r = await replayToTopic(kafka, mine, events)
          if (r.produced !== N) throw new Error(`replay produced ${r.produced} of ${N}`)
          planMs.push(r.planMs)
          const replay = N / ((r.planMs + r.replayMs) / 1000)
          const pp = await producerPerformance(env.connection.brokers.join(','), theirs, N, bytes)
          // the replay sends each partition on its own (a KafkaJS send over several leaders can skip and
          // repeat partitions at a failover), so a batch over 3 partitions is 3 requests to one broker
          const s = await replayToTopic(kafka, spread, events, 3)
          if (s.produced !== N) throw new Error(`replay over 3 partitions produced ${s.produced} of ${N}`)
          const spreadRate = N / ((s.planMs + s.replayMs) / 1000)
          return { replay, kafka: pp.recordsPerSec, ratio: replay / pp.recordsPerSec, spread: spreadRate, spreadRatio: spreadRate / replay }
        } finally {
          await Promise.all([deleteTopic(kafka, mine), deleteTopic(kafka, theirs), deleteTopic(kafka, spread)])
        }
      },
      summary: () => [
        `replay: values are ${bytes} bytes of JSON (ProducerPerformance sends ${bytes}-byte records); 1 partition, acks=all both; ` +
          `the replay producer is idempotent with 1 request in flight and batches of 500 (as a run uses it); buildPlan took ${median(planMs).toFixed(0)} ms of each replay`,
      ],
    }
  },
}
