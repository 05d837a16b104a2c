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

test('JSON and PROTOBUF changes are accepted (treated as NONE); a change of schema type is not', () => {
  const j1 = parseSchema('JSON', '{"type":"object","properties":{"a":{"type":"string"}}}', [])
  const j2 = parseSchema('JSON', '{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}', [])
  expect(ok('FULL_TRANSITIVE', j2, j1)).toBe(true)
  const p1 = parseSchema('PROTOBUF', 'syntax = "proto3"; message M { string a = 1; }', [])
  const p2 = parseSchema('PROTOBUF', 'syntax = "proto3"; message M { int64 a = 1; }', [])
  expect(ok('BACKWARD', p2, p1)).toBe(true)
  expect(compatibilityProblems('BACKWARD', j1, versions(base))).toEqual(['version 1: schema type changed from AVRO to JSON'])
  expect(ok('NONE', j1, base)).toBe(true)
})
