import fc from 'fast-check'

/**
 * The JSON Schema subset values are generated from: `type` object (properties; every property is
 * generated), array (items, minItems, maxItems), number, integer (minimum, maximum, exclusive bounds),
 * string (minLength, maxLength, enum), boolean, null, or a list of types; `enum`, `const`, `anyOf` /
 * `oneOf` of such schemas. Anything else is rejected with the path of the part that is not supported.
 */
export interface ValueSchema {
  type?: string | string[]
  properties?: Record<string, ValueSchema>
  items?: ValueSchema
  enum?: readonly unknown[]
  const?: unknown
  anyOf?: ValueSchema[]
  oneOf?: ValueSchema[]
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  [other: string]: unknown
}

/** Default numeric range when a schema gives no bounds: small numbers read better in a counterexample. */
const DEFAULT_MIN = -1000
const DEFAULT_MAX = 1000
const ALNUM = [...'abcdefghijklmnopqrstuvwxyz0123456789']

/** A fast-check arbitrary of the values a schema accepts; throws an Error naming the unsupported part. */
export function schemaValueArb(schema: ValueSchema, path = 'value'): fc.Arbitrary<unknown> {
  if (typeof schema !== 'object' || schema === null) throw new Error(`${path}: a schema object is needed, found ${JSON.stringify(schema)}`)
  if ('const' in schema) return fc.constant(schema.const)
  if (schema.enum !== undefined) {
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) throw new Error(`${path}.enum: a non-empty list is needed`)
    return fc.constantFrom(...schema.enum)
  }
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives !== undefined) {
    return fc.oneof(...alternatives.map((s, i) => schemaValueArb(s, `${path}.${schema.anyOf ? 'anyOf' : 'oneOf'}[${i}]`)))
  }
  const type = schema.type
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => schemaValueArb({ ...schema, type: t }, path)))
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {}
      const fields: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, s] of Object.entries(props)) fields[name] = schemaValueArb(s, `${path}.${name}`)
      return fc.record(fields)
    }
    case 'array':
      return fc.array(schemaValueArb(schema.items ?? { type: 'integer' }, `${path}[]`), {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? Math.max(schema.minItems ?? 0, 5),
      })
    case 'integer': {
      const { min, max } = bounds(schema, 1, path)
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    }
    case 'number': {
      // hundredths: exact in JSON, no -0, no 1e-300 in a counterexample
      const { min, max } = bounds(schema, 0.01, path)
      return fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((c) => c / 100)
    }
    case 'string': {
      const minLength = schema.minLength ?? 0
      return fc.string({ unit: fc.constantFrom(...ALNUM), minLength, maxLength: schema.maxLength ?? Math.max(minLength, 8) })
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    default:
      throw new Error(`${path}: type ${JSON.stringify(type)} is not supported; use object, array, number, integer, string, boolean, null or enum`)
  }
}

function bounds(schema: ValueSchema, step: number, path: string): { min: number; max: number } {
  let min = schema.minimum ?? DEFAULT_MIN
  let max = schema.maximum ?? Math.max(DEFAULT_MAX, min + 1000)
  if (schema.minimum === undefined && schema.maximum !== undefined) min = Math.min(DEFAULT_MIN, max - 1000)
  if (schema.exclusiveMinimum !== undefined) min = Math.max(min, schema.exclusiveMinimum + step)
  if (schema.exclusiveMaximum !== undefined) max = Math.min(max, schema.exclusiveMaximum - step)
  if (min > max) throw new Error(`${path}: no ${schema.type} between ${min} and ${max}`)
  return { min, max }
}
