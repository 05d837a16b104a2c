import type { ValueSchema } from './schema-value.ts'

const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 }

/**
 * An Avro schema as the JSON Schema subset `schemaValueArb` generates from: a record of primitive
 * fields (null, boolean, int, long, float, double, string), enums, nested records, arrays and unions
 * (a union of null and T gives null or a plain T, as avsc reads unwrapped unions). Numbers stay in
 * [-1000, 1000] unless the type forbids it; `float` values are whole numbers so that they survive the
 * 32-bit encoding unchanged; `timestamp-millis` longs are >= 0. Throws an Error naming the field
 * whose type is not supported (bytes, fixed, map).
 */
export function avroToValueSchema(avro: unknown, path = 'value'): ValueSchema {
  if (typeof avro === 'string') return primitive(avro, path)
  if (Array.isArray(avro)) return { anyOf: avro.map((t, i) => avroToValueSchema(t, `${path}|${i}`)) }
  if (typeof avro !== 'object' || avro === null) throw new Error(`${path}: not an Avro type: ${JSON.stringify(avro)}`)
  const t = avro as { type?: unknown; fields?: unknown; symbols?: unknown; items?: unknown; logicalType?: unknown }
  switch (t.type) {
    case 'record': {
      if (!Array.isArray(t.fields)) throw new Error(`${path}: an Avro record needs a fields list`)
      const properties: Record<string, ValueSchema> = {}
      for (const f of t.fields as { name?: unknown; type?: unknown }[]) {
        if (typeof f?.name !== 'string') throw new Error(`${path}: an Avro field without a name`)
        properties[f.name] = avroToValueSchema(f.type, `${path}.${f.name}`)
      }
      return { type: 'object', properties }
    }
    case 'enum':
      if (!Array.isArray(t.symbols) || t.symbols.length === 0) throw new Error(`${path}: an Avro enum needs symbols`)
      return { enum: t.symbols as string[] }
    case 'array':
      return { type: 'array', items: avroToValueSchema(t.items, `${path}[]`), maxItems: 5 }
    default:
      if (typeof t.type === 'string') {
        const base = primitive(t.type, path)
        if (t.logicalType === 'timestamp-millis' || t.logicalType === 'timestamp-micros') return { ...base, minimum: 0, maximum: 2 ** 41 }
        return base
      }
      return avroToValueSchema(t.type, path)
  }
}

function primitive(name: string, path: string): ValueSchema {
  switch (name) {
    case 'null':
      return { type: 'null' }
    case 'boolean':
      return { type: 'boolean' }
    case 'int':
      return { type: 'integer', minimum: Math.max(INT32.minimum, -1000), maximum: Math.min(INT32.maximum, 1000) }
    case 'long':
      return { type: 'integer' }
    case 'float':
      return { type: 'integer' }
    case 'double':
      return { type: 'number' }
    case 'string':
      return { type: 'string' }
    default:
      throw new Error(`${path}: Avro type ${JSON.stringify(name)} is not supported; use a record of null, boolean, int, long, float, double, string, enum, array or record`)
  }
}
