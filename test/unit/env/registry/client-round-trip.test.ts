import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../../../src/env/registry/index.ts'

// The real client over real HTTP. Decoding goes through a second client with an empty cache, so the schema
// is fetched back from the registry (GET /schemas/ids/{id}) instead of the encoder's cache.
let registry: EmbeddedRegistry
beforeAll(async () => {
  registry = await startEmbeddedRegistry({ port: 0 })
})
afterAll(() => registry.stop())

const freshClient = (): SchemaRegistry => new SchemaRegistry({ host: registry.url })

const orderAvro = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'long' },
  ],
}

describe('encode with one client, decode with another', () => {
  test('AVRO', async () => {
    const { id } = await freshClient().register(
      { type: SchemaType.AVRO, schema: JSON.stringify(orderAvro) },
      { subject: 'rt-avro-value' },
    )
    const encoded = await freshClient().encode(id, { id: 'o-1', amount: 42 })
    expect(encoded.readUInt8(0)).toBe(0)
    expect(encoded.readUInt32BE(1)).toBe(id)
    expect({ ...(await freshClient().decode(encoded)) }).toEqual({ id: 'o-1', amount: 42 })
  })

  test('JSON', async () => {
    const schema = JSON.stringify({
      type: 'object',
      properties: { id: { type: 'string' }, qty: { type: 'integer' } },
      required: ['id', 'qty'],
      additionalProperties: false,
    })
    const { id } = await freshClient().register({ type: SchemaType.JSON, schema }, { subject: 'rt-json-value' })
    const encoded = await freshClient().encode(id, { id: 'o-2', qty: 3 })
    expect(JSON.parse(encoded.subarray(5).toString('utf8'))).toEqual({ id: 'o-2', qty: 3 })
    expect(await freshClient().decode(encoded)).toEqual({ id: 'o-2', qty: 3 })
    await expect(freshClient().encode(id, { id: 'o-3' })).rejects.toThrow(/invalid payload/)
  })

  test('PROTOBUF', async () => {
    const schema = `syntax = "proto3";
package shop;
message Order {
  string id = 1;
  int64 amount = 2;
}`
    const { id } = await freshClient().register({ type: SchemaType.PROTOBUF, schema }, { subject: 'rt-proto-value' })
    const res = await fetch(`${registry.url}/schemas/ids/${id}`)
    expect(await res.json()).toEqual({ schemaType: 'PROTOBUF', schema })
    const encoded = await freshClient().encode(id, { id: 'o-4', amount: 7 })
    const decoded = (await freshClient().decode(encoded)) as { toJSON(): unknown }
    expect(decoded.toJSON()).toEqual({ id: 'o-4', amount: '7' })
  })

  test('AVRO with a reference to a schema in another subject', async () => {
    const address = { type: 'record', name: 'Address', namespace: 'shop', fields: [{ name: 'city', type: 'string' }] }
    await freshClient().register({ type: SchemaType.AVRO, schema: JSON.stringify(address) }, { subject: 'rt-address' })
    const customer = {
      type: 'record',
      name: 'Customer',
      namespace: 'shop',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'address', type: 'shop.Address' },
      ],
    }
    const references = [{ name: 'shop.Address', subject: 'rt-address', version: 1 }]
    const { id } = await freshClient().register(
      { type: SchemaType.AVRO, schema: JSON.stringify(customer), references },
      { subject: 'rt-customer-value' },
    )
    const stored = (await (await fetch(`${registry.url}/subjects/rt-customer-value/versions/latest`)).json()) as unknown
    expect(stored).toEqual({ subject: 'rt-customer-value', version: 1, id, schema: JSON.stringify(customer), references })
    const value = { name: 'Ada', address: { city: 'London' } }
    const encoded = await freshClient().encode(id, value)
    expect(JSON.parse(JSON.stringify(await freshClient().decode(encoded)))).toEqual(value)
  })
})
