import { expect, test } from 'vitest'
import { avroCanonicalForm } from '../../../../src/env/registry/avro-canonical.ts'

test('primitives in object form and unqualified names are normalised; whitespace does not matter', () => {
  const a = {
    type: 'record',
    name: 'Order',
    namespace: 'shop',
    fields: [
      { name: 'id', type: { type: 'string' } },
      { name: 'line', type: { type: 'record', name: 'Line', fields: [{ name: 'qty', type: 'int' }] } },
      { name: 'lines', type: { type: 'array', items: 'Line' } },
      { name: 'byKey', type: { type: 'map', values: 'shop.Line' } },
      { name: 'maybe', type: ['null', 'Line'], default: null },
    ],
  }
  expect(avroCanonicalForm(a)).toBe(
    '{"type":"record","name":"shop.Order","fields":[' +
      '{"name":"id","type":"string"},' +
      '{"name":"line","type":{"type":"record","name":"shop.Line","fields":[{"name":"qty","type":"int"}]}},' +
      '{"name":"lines","type":{"type":"array","items":"shop.Line"}},' +
      '{"name":"byKey","type":{"type":"map","values":"shop.Line"}},' +
      '{"name":"maybe","type":["null","shop.Line"],"default":null}]}',
  )
  expect(avroCanonicalForm({ type: 'record', name: 'shop.Order', fields: a.fields })).toBe(avroCanonicalForm(a))
})

test('attributes that change meaning are kept: defaults, logical types, docs, custom properties', () => {
  const field = (extra: object): unknown => ({ type: 'record', name: 'R', fields: [{ name: 'f', type: 'int', ...extra }] })
  const forms = [
    avroCanonicalForm(field({})),
    avroCanonicalForm(field({ default: 1 })),
    avroCanonicalForm({ type: 'record', name: 'R', fields: [{ name: 'f', type: { type: 'int', logicalType: 'date' } }] }),
    avroCanonicalForm(field({ doc: 'day' })),
    avroCanonicalForm(field({ 'connect.name': 'x' })),
  ]
  expect(new Set(forms).size).toBe(forms.length)
})

test('names with an explicit empty namespace and names used before a namespace applies stay unqualified', () => {
  expect(avroCanonicalForm({ type: 'enum', name: 'E', namespace: '', symbols: ['A'] })).toBe('{"type":"enum","name":"E","symbols":["A"]}')
  // a name defined elsewhere (a referenced schema) is left as written
  expect(avroCanonicalForm({ type: 'record', name: 'R', namespace: 'n', fields: [{ name: 'a', type: 'Other' }] })).toBe(
    '{"type":"record","name":"n.R","fields":[{"name":"a","type":"Other"}]}',
  )
})
