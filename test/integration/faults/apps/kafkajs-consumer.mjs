// A KafkaJS consumer on the client's defaults (sessionTimeout 30 000 ms, heartbeat 3 000 ms) that prints
// one JSON line per group join, {"joined":"<memberId>","partitions":[0,1]}, and one for the first record
// it consumed, {"consumed":"<partition>:<offset>"}. For the eviction tests and the kill-cost benchmark.
//
//   node kafkajs-consumer.mjs <brokers> <groupId> <topic>
import { Kafka, logLevel } from 'kafkajs'

const [brokers, groupId, topic] = process.argv.slice(2)
if (!brokers || !groupId || !topic) {
  console.error('usage: node kafkajs-consumer.mjs <brokers> <groupId> <topic>')
  process.exit(2)
}
const kafka = new Kafka({ clientId: 'evict-test-kafkajs', brokers: brokers.split(','), logLevel: logLevel.NOTHING })
const consumer = kafka.consumer({ groupId })
consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
  const partitions = Object.values(payload.memberAssignment).flat().sort((a, b) => a - b)
  console.log(JSON.stringify({ joined: payload.memberId, partitions }))
})
await consumer.connect()
await consumer.subscribe({ topic, fromBeginning: true })
let consumed = false
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    if (consumed) return
    consumed = true
    console.log(JSON.stringify({ consumed: `${partition}:${message.offset}` }))
  },
})
