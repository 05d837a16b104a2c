/**
 * Whether every JSON document valid under `writer` is valid under `reader`, for the common cases:
 * types (integer is a number), required properties, properties added or removed under open and closed
 * content models (`additionalProperties`), array items and enums. The reasons it may not be; empty when
 * it is. Other keywords (patterns, bounds, combinators, $ref) are not compared: a change of them alone
 * is accepted.
 *
 * This is the reasoning of Confluent's JSON Schema rules: under an open content model (the default,
 * `additionalProperties` absent or true) old data may already hold any property, so adding a property
 * is not backward compatible, and removing one is not forward compatible; a closed model
 * (`additionalProperties: false`) allows the first, a partially open one (a schema) checks against it.
 */
export function jsonReadProblems(reader: unknown, writer: unknown, path = '#'): string[] {
  if (reader === true || writer === false || isEmptySchema(reader)) return []
  if (reader === false) return [`${path}: the reader accepts nothing`]
  if (!isObject(reader) || !isObject(writer)) return writer === true || isEmptySchema(writer) ? [`${path}: the reader constrains data the writer did not`] : []
  const problems: string[] = []
  const readerTypes = typesOf(reader)
  const writerTypes = typesOf(writer)
  const missing = [...writerTypes].filter((t) => !readerTypes.has(t) && !(t === 'integer' && readerTypes.has('number')))
  if (missing.length > 0) problems.push(`${path}: type ${show(writerTypes)} changed to ${show(readerTypes)}`)
  problems.push(...enumProblems(reader, writer, path))
  if (readerTypes.has('object') && writerTypes.has('object')) problems.push(...objectProblems(reader, writer, path))
  if (readerTypes.has('array') && writerTypes.has('array') && reader.items !== undefined)
    problems.push(...jsonReadProblems(reader.items, writer.items ?? true, `${path}/items`))
  return problems
}

type Schema = Record<string, unknown>

const ALL_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const

function isObject(v: unknown): v is Schema {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function isEmptySchema(v: unknown): boolean {
  return isObject(v) && Object.keys(v).every((k) => k === '$schema' || k === '$id' || k === 'title' || k === 'description')
}

/** The types a schema allows: its `type`, else every type. */
function typesOf(s: Schema): Set<string> {
  const t = s.type
  if (typeof t === 'string') return new Set([t])
  if (Array.isArray(t)) return new Set(t.filter((x): x is string => typeof x === 'string'))
  return new Set(ALL_TYPES)
}

function show(types: Set<string>): string {
  return types.size === ALL_TYPES.length ? 'any' : [...types].join('|')
}

function enumProblems(reader: Schema, writer: Schema, path: string): string[] {
  if (!Array.isArray(reader.enum)) return []
  if (!Array.isArray(writer.enum)) return [`${path}: the reader restricts values to an enum the writer did not have`]
  const allowed = new Set(reader.enum.map((v) => JSON.stringify(v)))
  const dropped = writer.enum.filter((v) => !allowed.has(JSON.stringify(v)))
  return dropped.length > 0 ? [`${path}: enum values ${dropped.map((v) => JSON.stringify(v)).join(', ')} removed`] : []
}

function objectProblems(reader: Schema, writer: Schema, path: string): string[] {
  const problems: string[] = []
  const readerProps = isObject(reader.properties) ? reader.properties : {}
  const writerProps = isObject(writer.properties) ? writer.properties : {}
  const writerRequired = new Set(Array.isArray(writer.required) ? writer.required : [])
  for (const name of Array.isArray(reader.required) ? reader.required : []) {
    if (!writerRequired.has(name)) problems.push(`${path}: property '${String(name)}' is required but old data may lack it`)
  }
  const readerExtra = reader.additionalProperties ?? true
  const writerExtra = writer.additionalProperties ?? true
  for (const name of new Set([...Object.keys(readerProps), ...Object.keys(writerProps)])) {
    const at = `${path}/properties/${name}`
    const r = readerProps[name]
    const w = writerProps[name]
    if (r !== undefined && w !== undefined) problems.push(...jsonReadProblems(r, w, at))
    else if (w !== undefined) {
      // removed by the reader: its additionalProperties must accept what the writer wrote there
      if (readerExtra === false) problems.push(`${at}: property removed from a closed content model`)
      else problems.push(...jsonReadProblems(readerExtra, w, at))
    } else if (writerExtra === false) continue // added by the reader: the writer never wrote it
    else if (jsonReadProblems(r, writerExtra, at).length > 0) {
      problems.push(`${at}: property added to an ${writerExtra === true ? 'open' : 'partially open'} content model (old data may hold it with another type)`)
    }
  }
  if (writerExtra !== false && !isEmptySchema(readerExtra) && readerExtra !== true) {
    const why = jsonReadProblems(readerExtra, writerExtra, `${path}/additionalProperties`)
    if (why.length > 0) problems.push(readerExtra === false ? `${path}: the content model was closed (old data may hold other properties)` : why.join('; '))
  }
  return problems
}
