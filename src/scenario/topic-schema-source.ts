import { readFile } from 'node:fs/promises'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import avsc from 'avsc'
import protobuf from 'protobufjs'
import type { TopicSpec } from './topic-schema.ts'

/** A topic's value schema as the schema registry wants it. */
export interface RegistrySchema {
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF'
  /** schema text: JSON for avro and json-schema, .proto source for protobuf */
  schema: string
  /** protobuf message type */
  message?: string
}

const REGISTRY_TYPES = { avro: 'AVRO', 'json-schema': 'JSON', protobuf: 'PROTOBUF' } as const

/** Read a topic's schema (from its file when it names one); undefined for topics without a schema. */
export async function readTopicSchema(topic: TopicSpec): Promise<RegistrySchema | undefined> {
  if (topic.schema === undefined || !(topic.value in REGISTRY_TYPES)) return undefined
  const schemaType = REGISTRY_TYPES[topic.value as keyof typeof REGISTRY_TYPES]
  const src = topic.schema
  const schema = 'file' in src ? await readFile(src.file, 'utf8') : typeof src.inline === 'string' ? src.inline : JSON.stringify(src.inline)
  const out: RegistrySchema = { schemaType, schema }
  if (topic.message !== undefined) out.message = topic.message
  return out
}

function parseJsonSchemaText(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new Error(`${what} is not JSON: ${(e as Error).message}`)
  }
}

/** Compile a schema as the replay layer will; throws an Error whose message says why it does not compile. */
export function compileSchema(s: RegistrySchema): void {
  switch (s.schemaType) {
    case 'AVRO': {
      avsc.Type.forSchema(parseJsonSchemaText(s.schema, 'the avro schema') as avsc.Schema)
      return
    }
    case 'JSON': {
      const schema = parseJsonSchemaText(s.schema, 'the JSON schema')
      if (typeof schema !== 'object' && typeof schema !== 'boolean') throw new Error('a JSON schema must be an object or a boolean')
      const is2020 = typeof schema === 'object' && schema !== null && String((schema as { $schema?: unknown }).$schema ?? '').includes('2020-12')
      const ajv = is2020 ? new Ajv2020({ strict: false }) : new Ajv({ strict: false })
      ajv.compile(schema as object)
      return
    }
    case 'PROTOBUF': {
      const root = protobuf.parse(s.schema, { keepCase: true }).root
      if (s.message === undefined) throw new Error('a protobuf schema needs the message type')
      try {
        root.lookupType(s.message)
      } catch {
        throw new Error(`no message type ${s.message} in the .proto`)
      }
      return
    }
  }
}
