const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'])
const NAMED = new Set(['record', 'error', 'enum', 'fixed'])

type Json = unknown

/**
 * The form two Avro schemas are compared by: compact JSON with the [PRIMITIVES] (`{"type":"int"}` is
 * `"int"`) and [FULLNAMES] (names qualified, `namespace` dropped) rules of Avro's Parsing Canonical Form,
 * but keeping every other attribute (defaults, docs, logical types, custom properties), because those
 * change what the schema means to a reader. Key order is kept, as Confluent keeps it.
 * `schema` must already be known to be a valid Avro schema (parsed by avsc).
 */
export function avroCanonicalForm(schema: Json): string {
  return JSON.stringify(normalize(schema, '', new Set<string>()))
}

function normalize(s: Json, namespace: string, defined: Set<string>): Json {
  if (typeof s === 'string') return qualifyReference(s, namespace, defined)
  if (Array.isArray(s)) return s.map((branch) => normalize(branch, namespace, defined))
  if (s === null || typeof s !== 'object') return s
  const obj = s as Record<string, Json>
  const type = obj['type']
  if (typeof type === 'string' && PRIMITIVES.has(type) && Object.keys(obj).length === 1) return type
  if (typeof type === 'string' && NAMED.has(type)) return normalizeNamed(obj, namespace, defined)
  const out: Record<string, Json> = {}
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'type' && type !== 'array' && type !== 'map') out[key] = normalize(value, namespace, defined)
    else if (key === 'items' || key === 'values') out[key] = normalize(value, namespace, defined)
    else out[key] = value
  }
  return out
}

function normalizeNamed(obj: Record<string, Json>, namespace: string, defined: Set<string>): Json {
  const full = fullName(obj['name'], obj['namespace'], namespace)
  defined.add(full)
  const inner = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : ''
  const out: Record<string, Json> = {}
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'namespace') continue
    if (key === 'name') out[key] = full
    else if (key === 'fields' && Array.isArray(value)) out[key] = value.map((f) => normalizeField(f, inner, defined))
    else out[key] = value
  }
  return out
}

function normalizeField(field: Json, namespace: string, defined: Set<string>): Json {
  if (field === null || typeof field !== 'object' || Array.isArray(field)) return field
  const out: Record<string, Json> = {}
  for (const [key, value] of Object.entries(field as Record<string, Json>)) {
    out[key] = key === 'type' ? normalize(value, namespace, defined) : value
  }
  return out
}

function fullName(name: Json, explicitNamespace: Json, enclosing: string): string {
  const n = String(name)
  if (n.includes('.')) return n
  const ns = typeof explicitNamespace === 'string' ? explicitNamespace : enclosing
  return ns ? `${ns}.${n}` : n
}

/** A name used as a type: qualified with the enclosing namespace when that is where it was defined. */
function qualifyReference(name: string, namespace: string, defined: Set<string>): string {
  if (PRIMITIVES.has(name) || name.includes('.') || !namespace) return name
  const qualified = `${namespace}.${name}`
  return defined.has(qualified) ? qualified : name
}
