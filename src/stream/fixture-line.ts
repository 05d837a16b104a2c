import { dirname, resolve } from 'node:path'
import { InputError } from '../errors.ts'
import type { KeyFormat, ValueFormat } from '../kafka/index.ts'
import type { StreamEvent } from './event.ts'

/** How to read a fixture's keys and values: the formats of the topic it feeds. */
export interface FixtureFormat {
  key?: KeyFormat
  value?: ValueFormat
}

const FIELDS = ['key', 'value', 'headers', 'ts', 'partition', 'id', 'schema']
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** True for lines that carry no event: blank, `// ...` or `# ...`. */
export function isSkippedLine(text: string): boolean {
  const t = text.trim()
  return t === '' || t.startsWith('//') || t.startsWith('#')
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v)
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

/** `kcat -C -J` output: has the broker-side fields and a `payload` instead of a `value`. */
function isKcatLine(o: Record<string, unknown>): boolean {
  return 'payload' in o && ('offset' in o || 'tstype' in o || 'broker' in o || 'topic' in o)
}

/**
 * Parse one fixture line (JSON Lines `{key, value, headers, ts, partition?, id?, schema?}` or a `kcat -C -J`
 * line; `schema`, a schema file relative to the fixture's folder, comes back absolute)
 * into an event with `source: {file, line}`. Throws InputError naming file:line and what is wrong.
 */
export function parseFixtureLine(text: string, file: string, line: number, format: FixtureFormat = {}): StreamEvent {
  const fail = (reason: string, expected?: string, found?: string): never => {
    throw new InputError(reason, {
      file,
      line,
      ...(expected !== undefined ? { expected } : {}),
      ...(found !== undefined ? { found } : {}),
    })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    fail(`bad JSON in fixture: ${(e as Error).message}`, 'one JSON object per line')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return fail('fixture line is not an object', '{"key": ..., "value": ..., "headers": {...}, "ts": <ms>}', show(parsed))
  const o = parsed as Record<string, unknown>
  const kcat = isKcatLine(o)
  if (!kcat) {
    const unknown = Object.keys(o).filter((k) => !FIELDS.includes(k))
    if (unknown.length > 0) fail(`unknown field ${unknown.map((k) => JSON.stringify(k)).join(', ')}`, `only ${FIELDS.join(', ')}`)
    if (!('value' in o)) fail('value missing', 'a "value" field (null for a tombstone)')
  }

  const ts = o.ts
  if (typeof ts !== 'number') fail(ts === undefined ? 'ts missing' : 'ts is not a number', 'ts: event time in ms since the epoch', show(ts))
  if (!Number.isInteger(ts) || (ts as number) < 0) fail('ts out of range', 'a whole number of ms >= 0', show(ts))

  const key = readKey(o.key, format.key, fail)
  const headers = kcat ? readKcatHeaders(o.headers, fail) : readHeaders(o.headers, fail)
  const value = kcat ? readKcatPayload(o.payload, format.value) : o.value
  if ((format.value === 'string' || format.value === 'bytes') && value !== null && typeof value !== 'string')
    fail(`value is not a string (the topic's values are ${format.value})`, format.value === 'bytes' ? 'base64 text' : 'a string', show(value))
  if (format.value === 'bytes' && typeof value === 'string' && !BASE64.test(value))
    fail('value is not base64 (the topic\'s values are bytes)', 'base64 text', show(value))

  const event: StreamEvent = { key, value, headers, ts: ts as number, source: { file, line } }
  if (o.partition !== undefined && o.partition !== null) {
    if (typeof o.partition !== 'number' || !Number.isInteger(o.partition) || o.partition < 0)
      fail('bad partition', 'a whole number >= 0', show(o.partition))
    event.partition = o.partition as number
  }
  if (!kcat && o.id !== undefined && o.id !== null) {
    if (typeof o.id !== 'string' && typeof o.id !== 'number') fail('bad id', 'a string', show(o.id))
    event.id = String(o.id)
  }
  if (!kcat && o.schema !== undefined && o.schema !== null) {
    if (typeof o.schema !== 'string' || o.schema === '') fail('bad schema', "the value schema's file, relative to the fixture's folder", show(o.schema))
    event.schema = resolve(dirname(file), o.schema as string)
  }
  return event
}

type Fail = (reason: string, expected?: string, found?: string) => never

function readKey(k: unknown, format: KeyFormat | undefined, fail: Fail): string | null {
  if (k === undefined || k === null) return null
  if (typeof k === 'string') return k
  if (format === 'json') return JSON.stringify(k)
  return fail('key is not a string', 'a string or null (or any JSON with key: json)', show(k))
}

function readHeaders(h: unknown, fail: Fail): Record<string, string> {
  if (h === undefined || h === null) return {}
  if (typeof h !== 'object' || Array.isArray(h)) return fail('headers is not an object', 'headers: {"name": "value", ...}', show(h))
  for (const [name, v] of Object.entries(h))
    if (typeof v !== 'string') fail(`header ${JSON.stringify(name)} is not a string`, 'string header values', show(v))
  return h as Record<string, string>
}

/** kcat prints headers as a flat list `[name, value, name, value, ...]`. */
function readKcatHeaders(h: unknown, fail: Fail): Record<string, string> {
  if (h === undefined || h === null) return {}
  if (!Array.isArray(h)) return readHeaders(h, fail)
  if (h.length % 2 !== 0) fail('kcat headers list has an odd length', '[name, value, name, value, ...]', show(h))
  const out: Record<string, string> = {}
  for (let i = 0; i < h.length; i += 2) {
    const [name, v] = [h[i], h[i + 1]]
    if (typeof name !== 'string' || typeof v !== 'string')
      fail(`kcat header ${show(name)} is not a string pair`, 'string header names and values', show(v))
    out[name as string] = v as string
  }
  return out
}

/** kcat's payload is the raw value text: JSON when it parses (unless the topic's values are strings or bytes). */
function readKcatPayload(p: unknown, format: ValueFormat | undefined): unknown {
  if (typeof p !== 'string' || format === 'string' || format === 'bytes') return p ?? null
  try {
    return JSON.parse(p)
  } catch {
    return p
  }
}
