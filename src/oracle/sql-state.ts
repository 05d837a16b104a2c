import pg from 'pg'
import { EnvironmentError, InputError } from '../errors.ts'
import { log } from '../log.ts'

export type SqlRow = Record<string, unknown>

export interface SqlStateOptions {
  /** query parameters ($1, $2, …) */
  params?: unknown[]
  /** bound on connecting, ms (default 10 000) */
  connectTimeoutMs?: number
  /** bound on the query, ms (default 30 000) */
  queryTimeoutMs?: number
  /** a statement run on the same connection after the query, whatever its outcome (drop the run's table) */
  cleanup?: string
}

/**
 * Runs one query against a PostgreSQL sink and returns its rows, normalized so that two reads of the
 * same data always give the same JSON and expectations can be written by hand:
 * - integers and numerics (int2/int4/int8/oid/numeric, and arrays of them) become JS numbers when the
 *   number prints as the same decimal (`12.50` → 12.5, `0.1` → 0.1, int8 up to 2^53), and otherwise stay
 *   the exact decimal string (`9223372036854775807`, `NaN`, numerics with more digits than a double
 *   holds). One rule for every column, never a silent loss of digits. float4/float8 are numbers
 *   (`NaN`, `Infinity` stay text, JSON cannot carry them).
 * - date/time types (date, time, timetz, timestamp, timestamptz, interval) stay PostgreSQL's text,
 *   with the session time zone set to UTC so timestamptz reads the same on every machine
 *   (`2024-01-02 03:04:05.123456+00`), microseconds kept.
 * - bytea stays PostgreSQL's hex text (`\x00ff`); json/jsonb are parsed; booleans, text and null as pg gives them.
 * Connection failures are EnvironmentError (exit 3); a query PostgreSQL rejects is InputError (exit 2).
 */
/** A failed cleanup is a warning in the log, not a verdict: the state was read already. */
async function cleanUp(client: pg.Client, url: string, statement: string): Promise<void> {
  try {
    await client.query(statement)
  } catch (err) {
    log().warn({ url: redact(url), statement, err: (err as Error).message }, 'SQL cleanup failed; the run left its table behind')
  }
}

export async function readSqlState(url: string, query: string, options: SqlStateOptions = {}): Promise<SqlRow[]> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    query_timeout: options.queryTimeoutMs ?? 30_000,
    options: '-c TimeZone=UTC',
    types: { getTypeParser: typeParser as CustomGetTypeParser },
  })
  client.on('error', () => {}) // a dropped connection surfaces through the pending query instead
  try {
    await client.connect()
  } catch (err) {
    await client.end().catch(() => {})
    throw new EnvironmentError(
      `cannot connect to PostgreSQL at ${redact(url)}: ${(err as Error).message}. ` +
        'Check that the server runs and the url (user, database, port) is right.',
      'ST_SQL_CONNECT',
      { cause: err },
    )
  }
  try {
    const result = await client.query<SqlRow>(options.params ? { text: query, values: options.params } : query)
    return result.rows
  } catch (err) {
    const e = err as Error & { code?: string; position?: string }
    throw new InputError(`SQL query failed on ${redact(url)}: ${e.message}`, {
      expected: 'a query PostgreSQL accepts',
      found: e.position !== undefined ? `${query} (error at character ${e.position})` : query,
    })
  } finally {
    if (options.cleanup !== undefined) await cleanUp(client, url, options.cleanup)
    await client.end().catch(() => {})
  }
}

type CustomGetTypeParser = pg.CustomTypesConfig['getTypeParser']

const NUMBER_TYPES = new Set([21, 23, 20, 26, 1700])
const NUMBER_ARRAY_TYPES = new Set([1005, 1007, 1016, 1028, 1231])
const FLOAT_TYPES = new Set([700, 701])
const FLOAT_ARRAY_TYPES = new Set([1021, 1022])
const TEXT_TYPES = new Set([1082, 1083, 1266, 1114, 1184, 1186, 17])
const TEXT_ARRAY_TYPES = new Set([1182, 1183, 1270, 1115, 1185, 1187, 1001])

/** pg's own parsers, typed loosely: its typings only list the scalar type ids */
const pgParser = pg.types.getTypeParser as (oid: number, format?: string) => (text: string) => unknown

function typeParser(oid: number, format?: string): (text: string) => unknown {
  if (format === 'binary') return pgParser(oid, 'binary')
  if (NUMBER_TYPES.has(oid)) return exactNumber
  if (FLOAT_TYPES.has(oid)) return floatNumber
  if (TEXT_TYPES.has(oid)) return (text) => text
  const textArray = pgParser(1009, 'text') // text[]: '{1,NULL,"a b"}' → ['1', null, 'a b']
  if (NUMBER_ARRAY_TYPES.has(oid)) return (text) => mapDeep(textArray(text), exactNumber)
  if (FLOAT_ARRAY_TYPES.has(oid)) return (text) => mapDeep(textArray(text), floatNumber)
  if (TEXT_ARRAY_TYPES.has(oid)) return textArray
  return pgParser(oid, 'text')
}

/** A number when it prints back as the same decimal, else the decimal text unchanged. */
export function exactNumber(text: string): number | string {
  const n = Number(text)
  if (!Number.isFinite(n)) return text
  return decimal(String(n)) === decimal(text) ? n + 0 : text // + 0 turns -0 into 0
}

/** float4/float8 are doubles already (PostgreSQL prints the shortest exact text): NaN and ±Infinity stay text. */
export function floatNumber(text: string): number | string {
  const n = Number(text)
  return Number.isFinite(n) ? n + 0 : text
}

/** Canonical decimal text: no `+`, no leading zeros, no trailing fraction zeros, `-0` as `0`. */
function decimal(text: string): string {
  const m = /^([+-]?)0*(\d*)(?:\.(\d*?)0*)?$/.exec(text.trim())
  if (m === null) return `?${text}`
  const int = m[2] === '' ? '0' : m[2]!
  const frac = m[3] ?? ''
  const sign = m[1] === '-' && (int !== '0' || frac !== '') ? '-' : ''
  return `${sign}${int}${frac === '' ? '' : `.${frac}`}`
}

function mapDeep(v: unknown, f: (s: string) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => mapDeep(x, f))
  return typeof v === 'string' ? f(v) : v
}

/** The url without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password !== '') u.password = '***'
    return u.toString()
  } catch {
    return '(unparseable url)'
  }
}
