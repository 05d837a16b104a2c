import { Ajv } from 'ajv'
import avsc from 'avsc'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { avroToValueSchema, eventStreamArb, schemaValueArb, type ValueSchema } from '../../../src/generate/index.ts'

const orderSchema: ValueSchema = {
  type: 'object',
  properties: {
    orderId: { type: 'string', minLength: 3, maxLength: 6 },
    qty: { type: 'integer', minimum: 1, maximum: 5 },
    price: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
    status: { enum: ['new', 'paid'] },
    gift: { type: 'boolean' },
    note: { type: ['string', 'null'] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
  },
  required: ['orderId'],
}

describe('values from a JSON schema', () => {
  it('every generated value is valid against the schema, and every field is present', () => {
    const validate = new Ajv({ strict: false }).compile(orderSchema)
    const values = fc.sample(schemaValueArb(orderSchema), { seed: 1, numRuns: 300 })
    expect(values.filter((v) => !validate(v))).toEqual([])
    for (const v of values) expect(Object.keys(v as object).sort()).toEqual(['gift', 'note', 'orderId', 'price', 'qty', 'status', 'tags'])
    const prices = values.map((v) => (v as { price: number }).price)
    expect(prices.filter((p) => !/^\d+(\.\d{1,2})?$/.test(String(p)))).toEqual([])
    expect(new Set(values.map((v) => (v as { status: string }).status))).toEqual(new Set(['new', 'paid']))
    expect(values.some((v) => (v as { note: unknown }).note === null)).toBe(true)
  })

  it('names the unsupported part of a schema', () => {
    expect(() => schemaValueArb({ type: 'object', properties: { at: { type: 'date' } } })).toThrow('value.at: type "date" is not supported')
    expect(() => schemaValueArb({ type: 'integer', minimum: 5, maximum: 1 })).toThrow('value: no integer between 5 and 1')
    expect(() => schemaValueArb({ enum: [] })).toThrow('value.enum: a non-empty list')
  })

  it('feeds event values through eventStreamArb', () => {
    const validate = new Ajv({ strict: false }).compile(orderSchema)
    const [s] = fc.sample(eventStreamArb({ keys: 2, events: 50, spanMs: 1_000, value: { jsonSchema: orderSchema } }), { seed: 2, numRuns: 1 })
    expect(s!.filter((e) => !validate(e.value))).toEqual([])
  })
})

describe('values from an Avro record schema', () => {
  const avro = {
    type: 'record',
    name: 'Reading',
    fields: [
      { name: 'sensor', type: 'string' },
      { name: 'celsius', type: 'double' },
      { name: 'count', type: 'int' },
      { name: 'total', type: 'long' },
      { name: 'ratio', type: 'float' },
      { name: 'ok', type: 'boolean' },
      { name: 'unit', type: { type: 'enum', name: 'Unit', symbols: ['C', 'F'] } },
      { name: 'label', type: ['null', 'string'], default: null },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'pos', type: { type: 'record', name: 'Pos', fields: [{ name: 'x', type: 'int' }] } },
    ],
  }

  it('every generated value is valid for avsc and round-trips through the binary encoding', () => {
    const type = avsc.Type.forSchema(avro as avsc.Schema)
    const values = fc.sample(schemaValueArb(avroToValueSchema(avro)), { seed: 3, numRuns: 300 })
    expect(values.filter((v) => !type.isValid(v))).toEqual([])
    for (const v of values.slice(0, 50)) expect(type.fromBuffer(type.toBuffer(v))).toEqual(v)
    expect(values.every((v) => (v as { at: number }).at >= 0)).toBe(true)
  })

  it('names the field whose type is not supported', () => {
    const withBytes = { type: 'record', name: 'R', fields: [{ name: 'blob', type: 'bytes' }] }
    expect(() => avroToValueSchema(withBytes)).toThrow('value.blob: Avro type "bytes" is not supported')
  })
})
