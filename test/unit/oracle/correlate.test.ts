import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { correlationFn, getPath } from '../../../src/oracle/correlate.ts'
import { out } from './builders.ts'

const rec = {
  key: '{"user":"u1","n":3}',
  value: { orderId: 17, a: { b: 'deep', list: [{ c: 'first' }, { c: 'second' }] }, s: '{"inner":"x"}' },
  headers: { 'st-id': 'order-17', 'x.dotted.name': 'yes' },
}

describe('getPath', () => {
  test('headers: the rest of the path is the header name, dots included', () => {
    expect(getPath(rec, 'headers.st-id')).toBe('order-17')
    expect(getPath(rec, 'headers.x.dotted.name')).toBe('yes')
    expect(getPath(rec, 'headers.missing')).toBeUndefined()
  })
  test('key and value, as a whole and by nested path', () => {
    expect(getPath(rec, 'key')).toBe('{"user":"u1","n":3}')
    expect(getPath(rec, 'value.orderId')).toBe(17)
    expect(getPath(rec, 'value.a.b')).toBe('deep')
    expect(getPath(rec, 'value.a.list.1.c')).toBe('second')
    expect(getPath(rec, 'value.a.list[0].c')).toBe('first')
  })
  test('a JSON string met on the way is parsed when the path goes on', () => {
    expect(getPath(rec, 'key.user')).toBe('u1')
    expect(getPath(rec, 'value.s.inner')).toBe('x')
  })
  test('a path that does not exist gives undefined, never throws', () => {
    expect(getPath(rec, 'value.a.b.c')).toBeUndefined()
    expect(getPath(rec, 'value.nope.deeper')).toBeUndefined()
    expect(getPath({ key: null, value: null, headers: {} }, 'key.x')).toBeUndefined()
    expect(getPath({ key: 'not json', value: 'plain', headers: {} }, 'value.x')).toBeUndefined()
  })
  test('a path outside key/value/headers is an InputError naming the path', () => {
    expect(() => getPath(rec, 'body.orderId')).toThrow(InputError)
    expect(() => getPath(rec, 'body.orderId')).toThrow(/bad id path "body.orderId".*expected a path starting with key, value or headers.*found "body"/)
  })
})

describe('correlationFn', () => {
  test('a path spec reads the id as text (numbers too)', () => {
    const r = out(0, 5, 'order-9')
    expect(correlationFn('headers.st-id')(r)).toBe('order-9')
    expect(correlationFn('value.n')({ ...r, value: { n: 17 } })).toBe('17')
    expect(correlationFn('value.n')({ ...r, value: { n: { b: 1, a: 2 } } })).toBe('{"a":2,"b":1}')
    expect(correlationFn('value.n')({ ...r, value: { n: null } })).toBeUndefined()
    expect(correlationFn('headers.st-id')(out(0, 1, undefined))).toBeUndefined()
  })
  test('a function spec is used as-is', () => {
    const fn = correlationFn((r) => `id-${r.offset}`)
    expect(fn(out(0, 42, 'x'))).toBe('id-42')
  })
  test('a bad path fails when the spec is made, not per record', () => {
    expect(() => correlationFn('valu.orderId')).toThrow(InputError)
  })
})
