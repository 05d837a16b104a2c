// The app under test: reads orders, adds the customer's tier, writes enriched orders (headers kept).
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs'

export interface EnricherConfig {
  brokers: string
  input: string
  output: string
  group: string
}

interface Order {
  orderId: string
  customer: string
  amount: number
}

const TIERS: Record<string, string> = { alice: 'gold', bob: 'silver' }

function enrich(m: KafkaMessage): { key: Buffer | null; value: string; headers: KafkaMessage['headers'] } {
  const order = JSON.parse(m.value?.toString() ?? 'null') as Order
  return { key: m.key, value: JSON.stringify({ ...order, tier: TIERS[order.customer] ?? 'standard' }), headers: m.headers }
}

/** Starts the enricher; resolves once its consumer joined the group, with the function that stops it. */
export async function startEnricher(config: EnricherConfig): Promise<() => Promise<void>> {
  const kafka = new Kafka({ clientId: 'enricher', brokers: config.brokers.split(','), logLevel: logLevel.NOTHING })
  const consumer = kafka.consumer({ groupId: config.group })
  const producer = kafka.producer()
  await Promise.all([consumer.connect(), producer.connect()])
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()))
  await consumer.subscribe({ topic: config.input, fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message }) => {
      await producer.send({ topic: config.output, messages: [enrich(message)] })
    },
  })
  await joined
  return async () => {
    await consumer.disconnect()
    await producer.disconnect()
  }
}
