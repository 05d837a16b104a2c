import avsc from 'avsc'
import protobuf from 'protobufjs'
import { Ajv } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' }
import { avroCanonicalForm } from './avro-canonical.ts'
import { invalidSchema } from './registry-error.ts'

export const SCHEMA_TYPES = ['AVRO', 'JSON', 'PROTOBUF'] as const
export type SchemaType = (typeof SCHEMA_TYPES)[number]

export function isSchemaType(value: unknown): value is SchemaType {
  return typeof value === 'string' && (SCHEMA_TYPES as readonly string[]).includes(value)
}

/** A schema this one references, already resolved from its subject and version. */
export interface ReferencedSchema {
  schemaType: SchemaType
  schema: string
}

export interface ParsedSchema {
  schemaType: SchemaType
  /** equal for two schemas that mean the same: what ids are shared by and lookups match on */
  canonical: string
  /** the avsc type, for compatibility checks (AVRO only) */
  avro?: avsc.Type
  /** the parsed schema document, for compatibility checks (JSON only) */
  json?: unknown
}

/**
 * Parse and validate a schema of the given type. `referenced` holds the schemas it references,
 * dependencies first. Throws a 422/42201 RegistryError that carries the parser's message.
 */
export function parseSchema(schemaType: SchemaType, text: string, referenced: readonly ReferencedSchema[]): ParsedSchema {
  try {
    switch (schemaType) {
      case 'AVRO':
        return parseAvro(text, referenced)
      case 'JSON':
        return parseJsonSchema(text)
      case 'PROTOBUF':
        return parseProtobuf(text, referenced)
    }
  } catch (err) {
    throw invalidSchema(`${schemaType} schema is invalid: ${err instanceof Error ? err.message : String(err)}`)
  }
}

function parseAvro(text: string, referenced: readonly ReferencedSchema[]): ParsedSchema {
  const raw: unknown = JSON.parse(text)
  // Referenced schemas define the named types this one uses: load them into one registry first.
  const registry: Record<string, avsc.Type> = {}
  for (const ref of referenced) {
    if (ref.schemaType !== 'AVRO') throw new Error(`an AVRO schema cannot reference a ${ref.schemaType} schema`)
    avsc.Type.forSchema(JSON.parse(ref.schema) as avsc.Schema, { registry })
  }
  const avro = avsc.Type.forSchema(raw as avsc.Schema, { registry })
  return { schemaType: 'AVRO', canonical: avroCanonicalForm(raw), avro }
}

const validators: { draft7?: Ajv; draft2019?: Ajv2019; draft2020?: Ajv2020 } = {}

/** The validator for the schema's `$schema` dialect (built on first use), or undefined for one ajv does not know. */
function ajvFor(dialect: unknown): Ajv | Ajv2019 | Ajv2020 | undefined {
  if (dialect !== undefined && typeof dialect !== 'string') return undefined
  if (dialect?.includes('2020-12')) return (validators.draft2020 ??= new Ajv2020({ strict: false }))
  if (dialect?.includes('2019-09')) return (validators.draft2019 ??= new Ajv2019({ strict: false }))
  if (dialect === undefined || dialect.includes('draft-07') || dialect.includes('draft-06')) {
    return (validators.draft7 ??= new Ajv({ strict: false }).addMetaSchema(draft06))
  }
  return undefined
}

function parseJsonSchema(text: string): ParsedSchema {
  const raw: unknown = JSON.parse(text)
  if (typeof raw !== 'boolean' && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
    throw new Error(`a JSON Schema is an object or a boolean, found ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`)
  }
  if (typeof raw === 'object') {
    // Checked against its dialect's meta-schema when ajv knows the dialect (draft-06, -07, 2019-09, 2020-12);
    // other dialects (draft-04) are accepted as any JSON object.
    const ajv = ajvFor((raw as Record<string, unknown>)['$schema'])
    if (ajv && !ajv.validateSchema(raw)) throw new Error(ajv.errorsText(ajv.errors, { dataVar: 'schema' }))
  }
  return { schemaType: 'JSON', canonical: JSON.stringify(raw), json: raw }
}

function parseProtobuf(text: string, referenced: readonly ReferencedSchema[]): ParsedSchema {
  const parsed = protobuf.parse(text)
  for (const ref of referenced) {
    if (ref.schemaType !== 'PROTOBUF') throw new Error(`a PROTOBUF schema cannot reference a ${ref.schemaType} schema`)
    protobuf.parse(ref.schema, parsed.root)
  }
  // Type names are checked only for a self-contained file: imports (google/protobuf well-known types,
  // references) are not loaded here, so names they define cannot be resolved.
  if (referenced.length === 0 && !parsed.imports?.length && !parsed.weakImports?.length) parsed.root.resolveAll()
  return { schemaType: 'PROTOBUF', canonical: text.trim() }
}
