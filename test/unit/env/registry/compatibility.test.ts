import { describe, expect, test } from 'vitest'
import { compatibilityProblems, type CompatibilityLevel, type PreviousVersion } from '../../../../src/env/registry/compatibility.ts'
import { parseSchema, type ParsedSchema } from '../../../../src/env/registry/schema-types.ts'

const avro = (fields: object[], namespace = 'a'): ParsedSchema =>
  parseSchema('AVRO', JSON.stringify({ type: 'record', name: 'R', namespace, fields }), [])
const versions = (...schemas: ParsedSchema[]): PreviousVersion[] => schemas.map((parsed, i) => ({ version: i + 1, parsed }))
const ok = (level: CompatibilityLevel, candidate: ParsedSchema, ...previous: ParsedSchema[]): boolean =>
  compatibilityProblems(level, candidate, versions(...previous)).length === 0

const id = { name: 'id', type: 'string' }
const base = avro([id])
const addedRequired = avro([id, { name: 'n', type: 'int' }])
const addedOptional = avro([id, { name: 'n', type: 'int', default: 0 }])
const intField = avro([{ name: 'x', type: 'int' }])
const longField = avro([{ name: 'x', type: 'long' }])

describe('AVRO', () => {
  test('BACKWARD: the new schema must read old data', () => {
    expect(ok('BACKWARD', addedRequired, base)).toBe(false)
    expect(ok('BACKWARD', addedOptional, base)).toBe(true)
    expect(ok('BACKWARD', base, addedRequired)).toBe(true) // removing a field: the reader ignores it
    expect(ok('BACKWARD', longField, intField)).toBe(true) // int promotes to long
    expect(ok('BACKWARD', intField, longField)).toBe(false)
  })

  test('FORWARD: old schemas must read new data', () => {
    expect(ok('FORWARD', addedRequired, base)).toBe(true)
    expect(ok('FORWARD', base, addedRequired)).toBe(false)
    expect(ok('FORWARD', intField, longField)).toBe(true)
    expect(ok('FORWARD', longField, intField)).toBe(false)
  })

  test('FULL: both ways', () => {
    expect(ok('FULL', addedOptional, base)).toBe(true)
    expect(ok('FULL', addedRequired, base)).toBe(false)
    expect(ok('FULL', longField, intField)).toBe(false)
  })

  test('non-transitive levels check the latest version only, transitive ones every version', () => {
    // v1 has no n, v2 adds n with a default, the candidate drops the default: fine against v2, not against v1
    const requiredN = addedRequired
    expect(ok('BACKWARD', requiredN, base, addedOptional)).toBe(true)
    expect(ok('BACKWARD_TRANSITIVE', requiredN, base, addedOptional)).toBe(false)
    const problems = compatibilityProblems('BACKWARD_TRANSITIVE', requiredN, versions(base, addedOptional))
    expect(problems).toEqual([
      'BACKWARD: the new schema cannot read data written with version 1: no matching field for default-less a.R.n',
    ])
  })

  test('NONE accepts anything; namespaces are ignored when names are matched', () => {
    expect(ok('NONE', intField, parseSchema('AVRO', '"string"', []))).toBe(true)
    expect(ok('FULL', avro([id], 'other'), base)).toBe(true)
  })
})

const json = (properties: object, extra: Record<string, unknown> = {}): ParsedSchema =>
  parseSchema('JSON', JSON.stringify({ type: 'object', properties, ...extra }), [])
const closed = { additionalProperties: false }
const str = { type: 'string' }
const jBase = json({ id: str })
const jAddedRequired = json({ id: str, n: { type: 'integer' } }, { required: ['n'] })
const jAddedOptionalOpen = json({ id: str, n: { type: 'integer' } })
const jBaseClosed = json({ id: str }, closed)
const jAddedOptionalClosed = json({ id: str, n: { type: 'integer' } }, closed)
const jInt = json({ x: { type: 'integer' } })
const jNumber = json({ x: { type: 'number' } })
const jString = json({ x: { type: 'string' } })

describe('JSON', () => {
  test('BACKWARD: every document valid under the old schema is valid under the new one', () => {
    expect(ok('BACKWARD', jAddedRequired, jBase)).toBe(false)
    expect(ok('BACKWARD', jAddedOptionalClosed, jBaseClosed)).toBe(true) // closed: old data never had n
    expect(ok('BACKWARD', jAddedOptionalOpen, jBase)).toBe(false) // open: old data may hold n as anything
    expect(ok('BACKWARD', jBase, jAddedOptionalOpen)).toBe(true) // removing a property from an open model
    expect(ok('BACKWARD', jBaseClosed, jAddedOptionalClosed)).toBe(false) // ... but not from a closed one
    expect(ok('BACKWARD', jNumber, jInt)).toBe(true) // an integer is a number
    expect(ok('BACKWARD', jInt, jNumber)).toBe(false)
    expect(ok('BACKWARD', jString, jInt)).toBe(false)
  })

  test('FORWARD: old schemas must accept new documents', () => {
    expect(ok('FORWARD', jAddedRequired, jBase)).toBe(true)
    expect(ok('FORWARD', jBase, jAddedRequired)).toBe(false)
    expect(ok('FORWARD', jBase, jAddedOptionalOpen)).toBe(false) // removed from an open model: new data may hold n as anything
    expect(ok('FORWARD', jBaseClosed, jAddedOptionalClosed)).toBe(true)
    expect(ok('FORWARD', jInt, jNumber)).toBe(true)
    expect(ok('FORWARD', jNumber, jInt)).toBe(false)
  })

  test('FULL: both ways', () => {
    expect(ok('FULL', jAddedOptionalClosed, jBaseClosed)).toBe(false)
    expect(ok('FULL', jAddedRequired, jBase)).toBe(false)
    expect(ok('FULL', jNumber, jInt)).toBe(false)
    const described = json({ id: { type: 'string', description: 'the id' } })
    expect(ok('FULL', described, jBase)).toBe(true) // annotations only
  })

  test('a partially open model checks added and removed properties against additionalProperties', () => {
    const partial = (props: object) => json(props, { additionalProperties: { type: 'integer' } })
    expect(ok('BACKWARD', partial({ id: str, n: { type: 'number' } }), partial({ id: str }))).toBe(true)
    expect(ok('BACKWARD', partial({ id: str, n: str }), partial({ id: str }))).toBe(false)
    expect(ok('BACKWARD', partial({ id: str }), partial({ id: str, n: { type: 'integer' } }))).toBe(true)
    expect(ok('BACKWARD', partial({ id: str }), partial({ id: str, n: str }))).toBe(false)
  })

  test('non-transitive levels check the latest version only, transitive ones every version; the reason names the property', () => {
    const requiredN = json({ id: str, n: { type: 'integer' } }, { required: ['n'], ...closed })
    const optionalN = jAddedOptionalClosed
    // v1 requires n, v2 makes it optional, the candidate drops it: v2 reads its data, v1 does not
    expect(ok('FORWARD', jBaseClosed, requiredN, optionalN)).toBe(true)
    expect(ok('FORWARD_TRANSITIVE', jBaseClosed, requiredN, optionalN)).toBe(false)
    expect(compatibilityProblems('BACKWARD', requiredN, versions(jBaseClosed))).toEqual([
      "BACKWARD: the new schema cannot read data written with version 1: #: property 'n' is required but old data may lack it",
    ])
    expect(compatibilityProblems('BACKWARD', jString, versions(jInt))).toEqual([
      'BACKWARD: the new schema cannot read data written with version 1: #/properties/x: type integer changed to string',
    ])
  })

  test('NONE accepts anything; nested objects, array items and enums are compared too', () => {
    expect(ok('NONE', jString, jInt)).toBe(true)
    const nested = (t: string) => json({ a: { type: 'object', properties: { b: { type: t } } } })
    expect(ok('BACKWARD', nested('string'), nested('integer'))).toBe(false)
    const items = (t: string) => json({ xs: { type: 'array', items: { type: t } } })
    expect(ok('BACKWARD', items('number'), items('integer'))).toBe(true)
    expect(ok('BACKWARD', items('string'), items('integer'))).toBe(false)
    const colors = (...e: string[]) => json({ c: { type: 'string', enum: e } })
    expect(ok('BACKWARD', colors('red', 'green', 'blue'), colors('red', 'green'))).toBe(true)
    expect(ok('BACKWARD', colors('red'), colors('red', 'green'))).toBe(false)
  })
})

test('PROTOBUF changes are accepted (treated as NONE); a change of schema type is not', () => {
  const j1 = parseSchema('JSON', '{"type":"object","properties":{"a":{"type":"string"}}}', [])
  const p1 = parseSchema('PROTOBUF', 'syntax = "proto3"; message M { string a = 1; }', [])
  const p2 = parseSchema('PROTOBUF', 'syntax = "proto3"; message M { int64 a = 1; }', [])
  expect(ok('BACKWARD', p2, p1)).toBe(true)
  expect(compatibilityProblems('BACKWARD', j1, versions(base))).toEqual(['version 1: schema type changed from AVRO to JSON'])
  expect(ok('NONE', j1, base)).toBe(true)
})
