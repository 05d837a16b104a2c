import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../../../src/env/registry/index.ts'

// Registration rules through the real client: ids, versions, compatibility, lookup, deletion.
let registry: EmbeddedRegistry
let client: SchemaRegistry
beforeAll(async () => {
  registry = await startEmbeddedRegistry()
  client = new SchemaRegistry({ host: registry.url })
})
afterAll(() => registry.stop())

const avro = (fields: object[], name = 'User'): { type: SchemaType.AVRO; schema: string } => ({
  type: SchemaType.AVRO,
  schema: JSON.stringify({ type: 'record', name, namespace: 'app', fields }),
})
const v1 = avro([{ name: 'id', type: 'string' }])
const withDefault = avro([
  { name: 'id', type: 'string' },
  { name: 'email', type: ['null', 'string'], default: null },
])
const withRequired = avro([
  { name: 'id', type: 'string' },
  { name: 'age', type: 'int' },
])

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${registry.url}${path}`)
  return { status: res.status, body: await res.json() }
}

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise
    return undefined
  } catch (err) {
    return (err as { status?: number }).status
  }
}

test('the same schema registered twice under one subject keeps its id and version', async () => {
  const first = await client.register(v1, { subject: 'twice-value' })
  const second = await client.register(avro([{ name: 'id', type: 'string' }]), { subject: 'twice-value' })
  expect(second.id).toBe(first.id)
  expect((await getJson('/subjects/twice-value/versions')).body).toEqual([1])
})

test('the same schema in another subject gets the same global id and its own version 1', async () => {
  const schema = avro([{ name: 'sku', type: 'string' }], 'Item')
  const a = await client.register(schema, { subject: 'shared-a' })
  // whitespace and `{"type": "string"}` spellings do not make a different schema
  const respelled = {
    type: SchemaType.AVRO as const,
    schema: `{ "type": "record", "name": "Item", "namespace": "app",
               "fields": [ { "name": "sku", "type": { "type": "string" } } ] }`,
  }
  const b = await client.register(respelled, { subject: 'shared-b' })
  expect(b.id).toBe(a.id)
  expect((await getJson(`/schemas/ids/${a.id}/versions`)).body).toEqual([
    { subject: 'shared-a', version: 1 },
    { subject: 'shared-b', version: 1 },
  ])
})

test('the first registration sets the subject level the client asked for', async () => {
  expect((await getJson('/config/level-value')).body).toEqual({
    error_code: 40408,
    message: "Subject 'level-value' does not have subject-level compatibility configured",
  })
  await client.register(v1, { subject: 'level-value', compatibility: COMPATIBILITY.FULL })
  expect((await getJson('/config/level-value')).body).toEqual({ compatibilityLevel: 'FULL' })
  // a second registration with another level is refused by the client, which reads the level back
  await expect(client.register(withDefault, { subject: 'level-value' })).rejects.toThrow(
    'Compatibility does not match the configuration (BACKWARD != FULL)',
  )
})

test('under BACKWARD a new required field is refused with 409, a field with a default becomes version 2', async () => {
  const { id: id1 } = await client.register(v1, { subject: 'users-value' })
  expect(await statusOf(client.register(withRequired, { subject: 'users-value' }))).toBe(409)
  await expect(client.register(withRequired, { subject: 'users-value' })).rejects.toThrow(
    /incompatible with an earlier schema for subject "users-value".*no matching field for default-less app.User.age/,
  )
  const { id: id2 } = await client.register(withDefault, { subject: 'users-value' })
  expect(id2).not.toBe(id1)
  expect((await getJson('/subjects/users-value/versions')).body).toEqual([1, 2])
  expect(await client.getLatestSchemaId('users-value')).toBe(id2)
  expect(await client.getRegistryId('users-value', 1)).toBe(id1)
  expect((await getJson('/subjects/users-value/versions/latest')).body).toEqual({
    subject: 'users-value',
    version: 2,
    id: id2,
    schema: withDefault.schema,
  })
})

test('lookup finds the id of a registered schema and 404s for an unknown one', async () => {
  const { id } = await client.register(v1, { subject: 'lookup-value' })
  expect(await client.getRegistryIdBySchema('lookup-value', v1)).toBe(id)
  await expect(client.getRegistryIdBySchema('lookup-value', withRequired)).rejects.toThrow(
    "Schema not found under subject 'lookup-value'",
  )
  const res = await fetch(`${registry.url}/subjects/no-such-subject`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: v1.schema }),
  })
  expect(res.status).toBe(404)
  expect(await res.json()).toEqual({ error_code: 40401, message: "Subject 'no-such-subject' not found." })
})

test('deleting a subject returns its versions and hides it; its schemas stay readable by id', async () => {
  const { id } = await client.register(v1, { subject: 'doomed-value' })
  await client.register(withDefault, { subject: 'doomed-value' })
  const res = await fetch(`${registry.url}/subjects/doomed-value`, { method: 'DELETE' })
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual([1, 2])
  expect((await getJson('/subjects')).body).not.toContain('doomed-value')
  expect(await statusOf(client.getLatestSchemaId('doomed-value'))).toBe(404)
  expect((await getJson(`/schemas/ids/${id}`)).body).toEqual({ schema: v1.schema })
  // registering again continues the version numbering; the old id comes back for the same schema
  expect((await client.register(v1, { subject: 'doomed-value' })).id).toBe(id)
  expect((await getJson('/subjects/doomed-value/versions')).body).toEqual([3])
})

test('an invalid Avro schema is refused with 422 and the parser message', async () => {
  const res = await fetch(`${registry.url}/subjects/bad-value/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify({ type: 'record', name: 'X', fields: [{ name: 'f', type: 'nope' }] }) }),
  })
  expect(res.status).toBe(422)
  expect(await res.json()).toEqual({
    error_code: 42201,
    message: 'Invalid schema: AVRO schema is invalid: undefined type name: nope',
  })
  expect((await getJson('/subjects')).body).not.toContain('bad-value')
})

test('JSON Schema under BACKWARD: a required property is refused with 409 and its reason; an optional one in a closed model is version 2', async () => {
  const json = (properties: object, extra: object = {}): { type: SchemaType.JSON; schema: string } => ({
    type: SchemaType.JSON,
    schema: JSON.stringify({ type: 'object', properties, additionalProperties: false, ...extra }),
  })
  const id = { id: { type: 'string' } }
  await client.register(json(id), { subject: 'people-value' })
  await expect(client.register(json({ ...id, age: { type: 'integer' } }, { required: ['age'] }), { subject: 'people-value' })).rejects.toThrow(
    /incompatible with an earlier schema for subject "people-value".*property 'age' is required but old data may lack it/,
  )
  await client.register(json({ ...id, age: { type: 'integer' } }), { subject: 'people-value' })
  expect((await getJson('/subjects/people-value/versions')).body).toEqual([1, 2])
})
