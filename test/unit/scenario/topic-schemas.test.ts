import { join } from 'node:path'
import { expect, test } from 'vitest'
import { loadScenario, readTopicSchema } from '../../../src/scenario/index.ts'
import { ORDERS_FIXTURE, scenarioYaml, tempFiles } from './tmp-files.ts'

const AVSC = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'orderId', type: 'string' }, { name: 'amount', type: 'double' }] })
const PROTO = 'syntax = "proto3";\npackage shop;\nmessage Order { string order_id = 1; double amount = 2; }\n'

test('valid avro, protobuf and json-schema topics load, and their schemas read as the registry wants them', async () => {
  const yaml = scenarioYaml({
    topics: [
      '  orders: { value: avro, schema: { file: schemas/order.avsc } }',
      '  inline-avro:',
      '    value: avro',
      '    schema: { type: record, name: Line, fields: [{ name: sku, type: string }] }',
      '  proto: { value: protobuf, message: shop.Order, schema: { file: schemas/order.proto } }',
      '  proto-inline:',
      '    value: protobuf',
      '    message: Ping',
      '    schema: |',
      '      syntax = "proto3";',
      '      message Ping { int32 n = 1; }',
      '  checked:',
      '    value: json-schema',
      '    schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: object, required: [id], properties: { id: { type: string } } }',
      '  enriched: { value: string, key: bytes }',
    ].join('\n'),
  })
  const dir = await tempFiles({ 'orders.jsonl': ORDERS_FIXTURE, 'schemas/order.avsc': AVSC, 'schemas/order.proto': PROTO, 's.scenario.yaml': yaml })
  const s = await loadScenario(join(dir, 's.scenario.yaml'))
  expect(s.topics.orders?.schema).toEqual({ file: join(dir, 'schemas/order.avsc') })
  expect(s.topics.enriched).toEqual({ partitions: 1, key: 'bytes', value: 'string' })
  expect(await readTopicSchema(s.topics.orders!)).toEqual({ schemaType: 'AVRO', schema: AVSC })
  expect(await readTopicSchema(s.topics['inline-avro']!)).toEqual({
    schemaType: 'AVRO',
    schema: JSON.stringify({ type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }] }),
  })
  expect(await readTopicSchema(s.topics.proto!)).toEqual({ schemaType: 'PROTOBUF', schema: PROTO, message: 'shop.Order' })
  expect(await readTopicSchema(s.topics['proto-inline']!)).toEqual({
    schemaType: 'PROTOBUF',
    schema: 'syntax = "proto3";\nmessage Ping { int32 n = 1; }\n',
    message: 'Ping',
  })
  expect((await readTopicSchema(s.topics.checked!))?.schemaType).toBe('JSON')
  expect(await readTopicSchema(s.topics.enriched!)).toBeUndefined()
})

test('a protobuf message type that the .proto does not define is an error at the schema', async () => {
  const yaml = scenarioYaml({ topics: '  orders: { value: protobuf, message: shop.Nope, schema: { file: order.proto } }\n  enriched: {}' })
  const dir = await tempFiles({ 'orders.jsonl': ORDERS_FIXTURE, 'order.proto': PROTO, 's.scenario.yaml': yaml })
  const file = join(dir, 's.scenario.yaml')
  await expect(loadScenario(file)).rejects.toThrow(
    `${file}:3:58: protobuf schema does not compile: no message type shop.Nope in the .proto; at topics.orders.schema`,
  )
})
