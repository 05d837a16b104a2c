import { RegistryError, schemaNotFound, subjectLevelConfigNotFound } from './registry-error.ts'
import { compatibilityInput, flag, parseBody, parseVersion, schemaInput } from './request-input.ts'
import { SCHEMA_TYPES } from './schema-types.ts'
import type { RegistryStore, SchemaRecord, SubjectVersion } from './store.ts'

/** What to answer: a JSON body, or (`raw`) a schema's own text. */
export interface RegistryResponse {
  status: number
  body: unknown
  raw?: boolean
}

interface Request {
  params: Record<string, string>
  query: URLSearchParams
  /** the request body parsed as JSON (undefined when empty) */
  body: () => unknown
}

type Handler = (store: RegistryStore, req: Request) => unknown

interface Route {
  method: string
  path: string[]
  handle: Handler
  raw?: boolean
}

/** The Confluent REST endpoints clients use. Path segments starting with `:` are parameters. */
const ROUTES: Route[] = [
  { method: 'GET', path: [], handle: () => ({}) },
  { method: 'GET', path: ['schemas', 'types'], handle: () => [...SCHEMA_TYPES] },
  { method: 'GET', path: ['schemas', 'ids', ':id'], handle: (s, r) => schemaBody(s.schemaById(schemaId(r))) },
  { method: 'GET', path: ['schemas', 'ids', ':id', 'schema'], raw: true, handle: (s, r) => s.schemaById(schemaId(r)).schema },
  {
    method: 'GET',
    path: ['schemas', 'ids', ':id', 'versions'],
    handle: (s, r) => s.versionsOfId(schemaId(r), flag(r.query, 'deleted')),
  },
  {
    method: 'GET',
    path: ['schemas', 'ids', ':id', 'subjects'],
    handle: (s, r) => [...new Set(s.versionsOfId(schemaId(r), flag(r.query, 'deleted')).map((v) => v.subject))],
  },
  { method: 'GET', path: ['subjects'], handle: (s, r) => s.subjects(flag(r.query, 'deleted')) },
  {
    method: 'POST',
    path: ['subjects', ':subject'],
    handle: (s, r) => versionBody(s.lookup(subject(r), schemaInput(r.body()), flag(r.query, 'deleted'))),
  },
  { method: 'DELETE', path: ['subjects', ':subject'], handle: (s, r) => s.deleteSubject(subject(r), flag(r.query, 'permanent')) },
  { method: 'GET', path: ['subjects', ':subject', 'versions'], handle: (s, r) => s.versions(subject(r), flag(r.query, 'deleted')) },
  {
    method: 'POST',
    path: ['subjects', ':subject', 'versions'],
    handle: (s, r) => ({ id: s.register(subject(r), schemaInput(r.body())).id }),
  },
  {
    method: 'GET',
    path: ['subjects', ':subject', 'versions', ':version'],
    handle: (s, r) => versionBody(s.getVersion(subject(r), version(r), flag(r.query, 'deleted'))),
  },
  {
    method: 'GET',
    path: ['subjects', ':subject', 'versions', ':version', 'schema'],
    raw: true,
    handle: (s, r) => s.getVersion(subject(r), version(r), flag(r.query, 'deleted')).schema,
  },
  {
    method: 'DELETE',
    path: ['subjects', ':subject', 'versions', ':version'],
    handle: (s, r) => s.deleteVersion(subject(r), version(r), flag(r.query, 'permanent')),
  },
  { method: 'GET', path: ['config'], handle: (s) => ({ compatibilityLevel: s.globalLevel }) },
  {
    method: 'PUT',
    path: ['config'],
    handle: (s, r) => {
      const level = compatibilityInput(r.body())
      s.setGlobalLevel(level)
      return { compatibility: level }
    },
  },
  {
    method: 'GET',
    path: ['config', ':subject'],
    handle: (s, r) => {
      const level = s.subjectLevel(subject(r)) ?? (flag(r.query, 'defaultToGlobal') ? s.globalLevel : undefined)
      if (level === undefined) throw subjectLevelConfigNotFound(subject(r))
      return { compatibilityLevel: level }
    },
  },
  {
    method: 'PUT',
    path: ['config', ':subject'],
    handle: (s, r) => {
      const level = compatibilityInput(r.body())
      s.setSubjectLevel(subject(r), level)
      return { compatibility: level }
    },
  },
  {
    method: 'DELETE',
    path: ['config', ':subject'],
    handle: (s, r) => {
      const level = s.deleteSubjectLevel(subject(r))
      if (level === undefined) throw subjectLevelConfigNotFound(subject(r))
      return { compatibilityLevel: level }
    },
  },
  {
    method: 'POST',
    path: ['compatibility', 'subjects', ':subject', 'versions'],
    handle: (s, r) => compatibilityBody(s.compatibility(subject(r), schemaInput(r.body())), r),
  },
  {
    method: 'POST',
    path: ['compatibility', 'subjects', ':subject', 'versions', ':version'],
    handle: (s, r) => compatibilityBody(s.compatibility(subject(r), schemaInput(r.body()), version(r)), r),
  },
  { method: 'GET', path: ['mode'], handle: () => ({ mode: 'READWRITE' }) },
]

/**
 * Answer one request. Never throws: a RegistryError becomes its status and `{error_code, message}`;
 * anything else (a bug here) becomes 500/50001.
 */
export function handleRequest(store: RegistryStore, method: string, url: string, rawBody: string): RegistryResponse {
  try {
    const { pathname, searchParams } = new URL(url, 'http://registry.invalid')
    const segments = splitPath(pathname)
    const matching = ROUTES.map((route) => ({ route, params: match(route.path, segments) })).filter((m) => m.params)
    if (matching.length === 0) throw new RegistryError(404, 404, `HTTP 404 Not Found: ${method} ${pathname}`)
    const found = matching.find((m) => m.route.method === method)
    if (!found?.params) {
      const allowed = matching.map((m) => m.route.method).join(', ')
      throw new RegistryError(405, 405, `HTTP 405 Method Not Allowed: ${method} ${pathname} (allowed: ${allowed})`)
    }
    let parsed: { body: unknown } | undefined
    const body = (): unknown => (parsed ??= { body: parseBody(rawBody) }).body
    const result = found.route.handle(store, { params: found.params, query: searchParams, body })
    return found.route.raw ? { status: 200, body: result, raw: true } : { status: 200, body: result }
  } catch (err) {
    if (err instanceof RegistryError) return { status: err.status, body: err.toBody() }
    const message = err instanceof Error ? err.message : String(err)
    return { status: 500, body: { error_code: 50001, message: `Internal error in the embedded schema registry: ${message}` } }
  }
}

/** Path segments, each URL-decoded (a subject may contain an encoded `/`). */
function splitPath(pathname: string): string[] {
  const parts = pathname.split('/').filter((p) => p !== '')
  try {
    return parts.map((p) => decodeURIComponent(p))
  } catch {
    throw new RegistryError(400, 400, `Malformed URL encoding in path ${pathname}`)
  }
}

function match(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [i, p] of pattern.entries()) {
    const segment = segments[i] as string
    if (p.startsWith(':')) params[p.slice(1)] = segment
    else if (p !== segment) return undefined
  }
  return params
}

const subject = (r: Request): string => r.params['subject'] as string
const version = (r: Request) => parseVersion(r.params['version'] as string)

function schemaId(r: Request): number {
  const raw = r.params['id'] as string
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(id) || id < 1) throw schemaNotFound(`Schema ${raw} not found`)
  return id
}

/** `{schema, schemaType?, references?}`: schemaType is omitted for AVRO and references when empty, as Confluent does. */
function schemaBody(record: SchemaRecord): Record<string, unknown> {
  return {
    ...(record.schemaType === 'AVRO' ? {} : { schemaType: record.schemaType }),
    schema: record.schema,
    ...(record.references.length > 0 ? { references: record.references } : {}),
  }
}

function versionBody(v: SubjectVersion): Record<string, unknown> {
  return { subject: v.subject, version: v.version, id: v.id, ...schemaBody(v) }
}

function compatibilityBody(problems: string[], r: Request): Record<string, unknown> {
  return { is_compatible: problems.length === 0, ...(flag(r.query, 'verbose') ? { messages: problems } : {}) }
}
