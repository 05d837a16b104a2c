import { readFile } from 'node:fs/promises'
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry'
import type { Connection } from '../env/environment.ts'
import { InputError } from '../errors.ts'
import type { KeyFormat, TopicFormat } from './topic-format.ts'

/** Encode one value; `schema`, a schema file, replaces the topic's schema for it (schema evolution). */
export type Encode = (value: unknown, schema?: string) => Promise<Buffer | null>

export function registryFor(conn: Connection): SchemaRegistry {
  return conn.registryAuth ? new SchemaRegistry({ host: conn.registryUrl, auth: { ...conn.registryAuth } }) : new SchemaRegistry({ host: conn.registryUrl })
}

const SCHEMA_TYPES = { avro: SchemaType.AVRO, 'json-schema': SchemaType.JSON, protobuf: SchemaType.PROTOBUF } as const

/** Keys: strings as UTF-8, json as JSON text, bytes from base64. */
export function encodeKey(key: string | null, format: KeyFormat): Buffer | null {
  if (key === null) return null
  if (format === 'bytes') return Buffer.from(key, 'base64')
  return Buffer.from(key, 'utf8')
}

/**
 * The value encoder of one topic. Registry formats register the schema under `<topic>-value` once and
 * write Confluent's wire format (magic byte, schema id, payload). A value with its own schema file
 * (evolve-schema, or a fixture line recorded after a schema change) has that schema registered as the
 * subject's next version when it is first met, at the topic's compatibility level: values are encoded
 * one at a time in plan order, so versions are registered in the order the stream reaches them. A
 * schema the registry refuses stops the replay with the registry's reason.
 */
export async function valueEncoder(realTopic: string, format: TopicFormat, registry: () => SchemaRegistry): Promise<Encode> {
  switch (format.value) {
    case 'json':
      return async (v) => (v === null || v === undefined ? null : Buffer.from(JSON.stringify(v)))
    case 'string':
      return async (v) => (v === null || v === undefined ? null : Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)))
    case 'bytes':
      return async (v) => (v === null || v === undefined ? null : Buffer.from(String(v), 'base64'))
    default: {
      if (!format.schema) throw new InputError(`topic ${realTopic}: value format ${format.value} needs a schema`)
      const reg = registry()
      const type = SCHEMA_TYPES[format.value]
      const subject = `${realTopic}-value`
      const compatibility = (format.compatibility ?? 'BACKWARD') as COMPATIBILITY
      const { id } = await reg.register({ type, schema: format.schema } as never, { subject, compatibility })
      const evolved = new Map<string, Promise<number>>()
      const idOf = (file: string): Promise<number> => {
        let found = evolved.get(file)
        if (!found) evolved.set(file, (found = registerFile(reg, { type, file, subject, compatibility })))
        return found
      }
      return async (v, schema) => (v === null || v === undefined ? null : reg.encode(schema === undefined ? id : await idOf(schema), v))
    }
  }
}

async function registerFile(reg: SchemaRegistry, o: { type: SchemaType; file: string; subject: string; compatibility: COMPATIBILITY }): Promise<number> {
  const schema = await readFile(o.file, 'utf8')
  try {
    return (await reg.register({ type: o.type, schema } as never, { subject: o.subject, compatibility: o.compatibility })).id
  } catch (err) {
    throw new InputError(`the schema registry refused the new schema for subject ${o.subject} (${o.compatibility}): ${(err as Error).message}`, { file: o.file })
  }
}

/**
 * Decode a value read from Kafka back to the fixture's representation. With a known format it decodes
 * exactly that; without one (recording an arbitrary topic) it tries the registry wire format, then
 * JSON, then UTF-8 text, then base64.
 */
export async function decodeValue(buf: Buffer | null, registry: SchemaRegistry | undefined, format?: TopicFormat['value']): Promise<unknown> {
  if (buf === null) return null
  if (format === 'string') return buf.toString('utf8')
  if (format === 'bytes') return buf.toString('base64')
  if (format === 'json') return JSON.parse(buf.toString('utf8')) as unknown
  if (buf.length > 5 && buf[0] === 0 && registry) {
    try {
      return toJsonSafe(await registry.decode(buf))
    } catch {
      // not registry-encoded after all: fall through
    }
  }
  const text = buf.toString('utf8')
  if (!Buffer.from(text, 'utf8').equals(buf)) return buf.toString('base64')
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** Avro and protobuf decoders return Buffers, Longs and class instances; fixtures hold plain JSON. */
function toJsonSafe(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v.toString('base64')
  if (Array.isArray(v)) return v.map(toJsonSafe)
  if (v && typeof v === 'object') {
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function' && !(v instanceof Date)) {
      return toJsonSafe((v as { toJSON(): unknown }).toJSON())
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonSafe(x)]))
  }
  if (typeof v === 'bigint') return Number(v)
  return v
}
