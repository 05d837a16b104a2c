import { isCompatibilityLevel, type CompatibilityLevel } from './compatibility.ts'
import { badRequest, invalidCompatibilityLevel, invalidSchema, invalidVersion } from './registry-error.ts'
import { isSchemaType, SCHEMA_TYPES } from './schema-types.ts'
import type { SchemaInput, SchemaReference, VersionSelector } from './store.ts'

const MAX_VERSION = 2 ** 31 - 1

/** The JSON request body; any content type is accepted (clients send `application/vnd.schemaregistry.v1+json`). */
export function parseBody(raw: string): unknown {
  if (raw.trim() === '') return undefined
  try {
    return JSON.parse(raw)
  } catch (err) {
    throw badRequest(`Request body is not JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/** `{schema, schemaType?, references?}` as sent to register, look up or check compatibility. */
export function schemaInput(body: unknown): SchemaInput {
  if (!isRecord(body)) throw invalidSchema('the request body must be a JSON object with a "schema" string')
  const { schema, schemaType, references } = body
  if (typeof schema !== 'string' || schema.trim() === '') throw invalidSchema('Empty schema')
  const type = schemaType ?? 'AVRO'
  if (!isSchemaType(type)) {
    throw invalidSchema(`unknown schemaType ${JSON.stringify(schemaType)}; expected one of ${SCHEMA_TYPES.join(', ')}`)
  }
  return { schemaType: type, schema, references: schemaReferences(references ?? []) }
}

function schemaReferences(value: unknown): SchemaReference[] {
  if (!Array.isArray(value)) throw invalidSchema('"references" must be an array')
  return value.map((ref: unknown, i) => {
    if (
      !isRecord(ref) ||
      typeof ref['name'] !== 'string' ||
      typeof ref['subject'] !== 'string' ||
      !Number.isInteger(ref['version'])
    ) {
      throw invalidSchema(`references[${i}] must be {"name": string, "subject": string, "version": integer}, found ${JSON.stringify(ref)}`)
    }
    return { name: ref['name'], subject: ref['subject'], version: ref['version'] as number }
  })
}

/** A version path segment: `latest`, `-1` (also latest) or 1..2^31-1; else 422/42202. */
export function parseVersion(segment: string): VersionSelector {
  if (segment === 'latest' || segment === '-1') return 'latest'
  if (/^\d{1,10}$/.test(segment)) {
    const n = Number(segment)
    if (n >= 1 && n <= MAX_VERSION) return n
  }
  throw invalidVersion(segment)
}

/** `{"compatibility": level}` (either case); else 422/42203. */
export function compatibilityInput(body: unknown): CompatibilityLevel {
  const value = isRecord(body) ? (body['compatibility'] ?? body['compatibilityLevel']) : undefined
  const level = typeof value === 'string' ? value.toUpperCase() : value
  if (!isCompatibilityLevel(level)) throw invalidCompatibilityLevel(value)
  return level
}

export function flag(query: URLSearchParams, name: string): boolean {
  return query.get(name)?.toLowerCase() === 'true'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
