import { jsonReadProblems } from './json-schema-compatibility.ts'
import type { ParsedSchema } from './schema-types.ts'

export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number]

export const DEFAULT_COMPATIBILITY: CompatibilityLevel = 'BACKWARD'

export function isCompatibilityLevel(value: unknown): value is CompatibilityLevel {
  return typeof value === 'string' && (COMPATIBILITY_LEVELS as readonly string[]).includes(value)
}

export interface PreviousVersion {
  version: number
  parsed: ParsedSchema
}

/**
 * Why `candidate` may not follow `previous` (a subject's live versions, oldest first) under `level`;
 * empty when it may. Non-transitive levels check against the last of `previous` only.
 *
 * AVRO uses avsc resolvers, which throw exactly when a reader cannot read a writer's data:
 * BACKWARD means the new schema reads data written with the old one (`new.createResolver(old)`),
 * FORWARD the reverse, FULL both. Names are compared without namespaces, as Avro Java (and so Confluent)
 * does since Avro 1.9.
 *
 * JSON compares what the schemas accept (json-schema-compatibility.ts): BACKWARD means every document
 * valid under the old schema is valid under the new one, FORWARD the reverse, with Confluent's open and
 * closed content models.
 *
 * PROTOBUF is treated as NONE: any change of the schema text is accepted. Confluent's rules for it
 * (field numbers and wire types) are not reimplemented here.
 * A change of schema type is incompatible under every level but NONE.
 */
export function compatibilityProblems(
  level: CompatibilityLevel,
  candidate: ParsedSchema,
  previous: readonly PreviousVersion[],
): string[] {
  if (level === 'NONE' || previous.length === 0) return []
  const against = level.endsWith('_TRANSITIVE') ? previous : previous.slice(-1)
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL')
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL')
  const problems: string[] = []
  for (const old of against) {
    if (old.parsed.schemaType !== candidate.schemaType) {
      problems.push(`version ${old.version}: schema type changed from ${old.parsed.schemaType} to ${candidate.schemaType}`)
      continue
    }
    const reads = readsFunction(candidate, old.parsed)
    if (!reads) continue
    if (backward) {
      const why = reads(candidate, old.parsed)
      if (why) problems.push(`BACKWARD: the new schema cannot read data written with version ${old.version}: ${why}`)
    }
    if (forward) {
      const why = reads(old.parsed, candidate)
      if (why) problems.push(`FORWARD: version ${old.version} cannot read data written with the new schema: ${why}`)
    }
  }
  return problems
}

/** Why `reader` cannot read what `writer` wrote (undefined when it can); undefined for types not checked. */
type Reads = (reader: ParsedSchema, writer: ParsedSchema) => string | undefined

function readsFunction(a: ParsedSchema, b: ParsedSchema): Reads | undefined {
  if (a.avro && b.avro) return (r, w) => resolveProblem(() => (r.avro as NonNullable<ParsedSchema['avro']>).createResolver(w.avro as NonNullable<ParsedSchema['avro']>, { ignoreNamespaces: true }))
  if (a.schemaType === 'JSON' && b.schemaType === 'JSON') return (r, w) => jsonReadProblems(r.json, w.json).join('; ') || undefined
  return undefined
}

function resolveProblem(create: () => unknown): string | undefined {
  try {
    create()
    return undefined
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
}
