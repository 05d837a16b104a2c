import { afterAll, beforeAll, expect, test } from 'vitest'
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../../../src/env/registry/index.ts'

// The REST contract over plain fetch: error bodies, codes and content type, as other clients see them.
let registry: EmbeddedRegistry
beforeAll(async () => {
  registry = await startEmbeddedRegistry()
})
afterAll(() => registry.stop())

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json'

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; type: string | null; body: unknown }> {
  const res = await fetch(`${registry.url}${path}`, {
    method,
    headers: { 'Content-Type': CONTENT_TYPE },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() }
}

const record = (fields: object[]): string => JSON.stringify({ type: 'record', name: 'R', fields })

test('an unknown subject answers 404 with error_code 40401 in Confluent content type', async () => {
  expect(await call('GET', '/subjects/missing/versions')).toEqual({
    status: 404,
    type: CONTENT_TYPE,
    body: { error_code: 40401, message: "Subject 'missing' not found." },
  })
  expect((await call('GET', '/subjects/missing/versions/latest')).body).toMatchObject({ error_code: 40401 })
  expect((await call('DELETE', '/subjects/missing')).body).toMatchObject({ error_code: 40401 })
})

test('version errors: 40402 for a missing version, 42202 for a malformed one', async () => {
  await call('POST', '/subjects/v-value/versions', { schema: record([{ name: 'a', type: 'int' }]) })
  expect(await call('GET', '/subjects/v-value/versions/7')).toMatchObject({
    status: 404,
    body: { error_code: 40402, message: "Version 7 not found for subject 'v-value'." },
  })
  for (const bad of ['0', 'abc', '2147483648']) {
    expect(await call('GET', `/subjects/v-value/versions/${bad}`)).toMatchObject({ status: 422, body: { error_code: 42202 } })
  }
  expect((await call('GET', '/subjects/v-value/versions/-1')).body).toMatchObject({ version: 1 })
})

test('an unknown schema id answers 404 with error_code 40403', async () => {
  expect(await call('GET', '/schemas/ids/999')).toEqual({
    status: 404,
    type: CONTENT_TYPE,
    body: { error_code: 40403, message: 'Schema 999 not found' },
  })
})

test('invalid JSON Schema and Protobuf schemas answer 422/42201 with the parser message', async () => {
  expect(await call('POST', '/subjects/j-value/versions', { schemaType: 'JSON', schema: '{"type":"objectx"}' })).toMatchObject({
    status: 422,
    body: { error_code: 42201, message: expect.stringContaining('JSON schema is invalid: schema/type must be equal to one of the allowed values') },
  })
  expect(await call('POST', '/subjects/j-value/versions', { schemaType: 'JSON', schema: '[1]' })).toMatchObject({ status: 422 })
  expect(await call('POST', '/subjects/p-value/versions', { schemaType: 'PROTOBUF', schema: 'syntax = "proto3"; message M { int32 a = ; }' })).toMatchObject({
    status: 422,
    body: { error_code: 42201, message: "Invalid schema: PROTOBUF schema is invalid: illegal id ';' (line 1)" },
  })
  expect(await call('POST', '/subjects/x-value/versions', { schemaType: 'XML', schema: '<a/>' })).toMatchObject({
    status: 422,
    body: { error_code: 42201 },
  })
  expect(await call('POST', '/subjects/x-value/versions', {})).toMatchObject({ status: 422, body: { error_code: 42201 } })
  expect(await call('POST', '/subjects/x-value/versions', '{not json')).toMatchObject({ status: 400, body: { error_code: 400 } })
  const subjects = (await call('GET', '/subjects?deleted=true')).body as string[]
  expect(subjects.filter((s) => ['j-value', 'p-value', 'x-value'].includes(s))).toEqual([])
})

test('an incompatible schema answers 409 with error_code 409', async () => {
  await call('POST', '/subjects/c-value/versions', { schema: record([{ name: 'a', type: 'int' }]) })
  const res = await call('POST', '/subjects/c-value/versions', { schema: record([{ name: 'a', type: 'string' }]) })
  expect(res.status).toBe(409)
  expect(res.body).toMatchObject({ error_code: 409 })
})

test('config: global default BACKWARD, subject level set and read back, invalid level 42203', async () => {
  expect((await call('GET', '/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' })
  expect(await call('GET', '/config/cfg-value')).toMatchObject({ status: 404, body: { error_code: 40408 } })
  expect((await call('GET', '/config/cfg-value?defaultToGlobal=true')).body).toEqual({ compatibilityLevel: 'BACKWARD' })
  expect(await call('PUT', '/config/cfg-value', { compatibility: 'forward_transitive' })).toMatchObject({
    status: 200,
    body: { compatibility: 'FORWARD_TRANSITIVE' },
  })
  expect((await call('GET', '/config/cfg-value')).body).toEqual({ compatibilityLevel: 'FORWARD_TRANSITIVE' })
  expect(await call('PUT', '/config', { compatibility: 'SIDEWAYS' })).toMatchObject({ status: 422, body: { error_code: 42203 } })
  expect((await call('DELETE', '/config/cfg-value')).body).toEqual({ compatibilityLevel: 'FORWARD_TRANSITIVE' })
  expect((await call('GET', '/config/cfg-value')).status).toBe(404)
})

test('the compatibility endpoint answers is_compatible, with messages when verbose', async () => {
  await call('POST', '/subjects/chk-value/versions', { schema: record([{ name: 'a', type: 'int' }]) })
  const widened = { schema: record([{ name: 'a', type: 'long' }]) }
  const narrowedToString = { schema: record([{ name: 'a', type: 'string' }]) }
  expect((await call('POST', '/compatibility/subjects/chk-value/versions/latest', widened)).body).toEqual({ is_compatible: true })
  expect((await call('POST', '/compatibility/subjects/chk-value/versions/1', narrowedToString)).body).toEqual({ is_compatible: false })
  const verbose = await call('POST', '/compatibility/subjects/chk-value/versions/latest?verbose=true', narrowedToString)
  expect(verbose.body).toEqual({
    is_compatible: false,
    messages: [expect.stringContaining('BACKWARD: the new schema cannot read data written with version 1')],
  })
  expect(await call('POST', '/compatibility/subjects/chk-value/versions/5', widened)).toMatchObject({ status: 404, body: { error_code: 40402 } })
  expect((await call('POST', '/compatibility/subjects/fresh-value/versions/latest', narrowedToString)).body).toEqual({ is_compatible: true })
})

test('soft and permanent deletion of versions follow Confluent codes', async () => {
  await call('POST', '/subjects/del-value/versions', { schema: record([{ name: 'a', type: 'int' }]) })
  await call('POST', '/subjects/del-value/versions', { schema: record([{ name: 'a', type: 'long' }]) })
  expect(await call('DELETE', '/subjects/del-value/versions/1?permanent=true')).toMatchObject({ status: 404, body: { error_code: 40407 } })
  expect((await call('DELETE', '/subjects/del-value/versions/1')).body).toBe(1)
  expect(await call('DELETE', '/subjects/del-value/versions/1')).toMatchObject({ status: 404, body: { error_code: 40406 } })
  expect((await call('GET', '/subjects/del-value/versions')).body).toEqual([2])
  expect((await call('GET', '/subjects/del-value/versions?deleted=true')).body).toEqual([1, 2])
  expect((await call('DELETE', '/subjects/del-value/versions/1?permanent=true')).body).toBe(1)
  expect((await call('GET', '/subjects/del-value/versions?deleted=true')).body).toEqual([2])
  expect(await call('DELETE', '/subjects/del-value?permanent=true')).toMatchObject({ status: 404, body: { error_code: 40405 } })
  expect((await call('DELETE', '/subjects/del-value')).body).toEqual([2])
  expect(await call('DELETE', '/subjects/del-value')).toMatchObject({ status: 404, body: { error_code: 40404 } })
  expect((await call('DELETE', '/subjects/del-value?permanent=true')).body).toEqual([2])
  expect((await call('GET', '/subjects?deleted=true')).body).not.toContain('del-value')
})

test('a referenced version cannot be deleted (42206)', async () => {
  const base = JSON.stringify({ type: 'record', name: 'Base', namespace: 'ref', fields: [{ name: 'x', type: 'int' }] })
  await call('POST', '/subjects/ref-base/versions', { schema: base })
  const user = JSON.stringify({ type: 'record', name: 'User', namespace: 'ref', fields: [{ name: 'b', type: 'ref.Base' }] })
  const references = [{ name: 'ref.Base', subject: 'ref-base', version: 1 }]
  expect((await call('POST', '/subjects/ref-user/versions', { schema: user, references })).status).toBe(200)
  expect(await call('DELETE', '/subjects/ref-base')).toMatchObject({ status: 422, body: { error_code: 42206 } })
  expect(await call('POST', '/subjects/ref-user2/versions', { schema: user, references: [{ ...references[0], version: 9 }] })).toMatchObject({
    status: 422,
    body: { error_code: 42201 },
  })
})

test('subject names are URL-decoded; unknown routes 404, wrong methods 405', async () => {
  const schema = record([{ name: 'a', type: 'int' }])
  expect((await call('POST', `/subjects/${encodeURIComponent('a/b c')}/versions`, { schema })).status).toBe(200)
  expect((await call('GET', '/subjects')).body).toContain('a/b c')
  expect(await call('GET', '/nowhere')).toMatchObject({ status: 404, body: { error_code: 404 } })
  expect(await call('PATCH', '/subjects')).toMatchObject({ status: 405, body: { error_code: 405 } })
  expect((await call('GET', '/schemas/types')).body).toEqual(['AVRO', 'JSON', 'PROTOBUF'])
})
