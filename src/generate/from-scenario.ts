import { InputError } from '../errors.ts'
import { parseDuration, readTopicSchema, type Scenario } from '../scenario/index.ts'
import type { EventStreamArbOptions, ValueSource } from './event-stream.ts'

/**
 * A scenario's `generate:` block as generator options. Besides the schema's fields (keys, events,
 * span, disorder, late, start, runs, shrinkBudget) it reads these pass-through fields:
 *
 * | field | meaning |
 * | --- | --- |
 * | `window: 10s`, `advance: 5s`, `grace: 2s` | window grid for boundary events (default: the scenario's windows oracle; with profile flink grace is `delay + allowedLateness`) |
 * | `gap: 3s` | session gap for gap / gap + 1 events (default: the windows oracle's session gap or sliding difference) |
 * | `boundaries: 0.25`, `gaps: 0.25` | fraction of boundary / gap events |
 * | `lateBy: 20s` | how far behind the stream a late event is |
 * | `duplicates: 0.05` | fraction of events that repeat an earlier one (same id) |
 * | `value: count`, `value: { jsonSchema: {...} }`, `value: { avro: {...} }`, or (TS) `value: (key) => arbitrary` | values |
 *
 * Without `value` the topic decides: avro and json-schema topics generate from their schema, string
 * topics get short strings, bytes topics small base64 payloads, json topics `{ key, amount }`.
 * Every event gets an explicit id `<topic>-<n>` (duplicates repeat it), which wins over an `id:` path.
 */
export async function streamOptionsFor(scenario: Scenario, inputIndex: number, file: string): Promise<EventStreamArbOptions> {
  const input = scenario.input[inputIndex]
  const g = input?.generate as (Record<string, unknown> & NonNullable<NonNullable<typeof input>['generate']>) | undefined
  if (!input || !g) throw new InputError('this input does not generate its events', { file, path: `input[${inputIndex}]` })
  const at = (field: string) => `input[${inputIndex}].generate.${field}`
  const ms = (field: string): number | undefined => {
    const v = g[field]
    if (v === undefined) return undefined
    const parsed = parseDuration(v)
    if (parsed === undefined) throw new InputError('not a duration', { file, path: at(field), expected: "a duration like '300ms', '5s', '10m' or a number of ms", found: JSON.stringify(v) })
    return parsed
  }
  const rate = (field: string): number | undefined => {
    const v = g[field]
    if (v === undefined) return undefined
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new InputError('not a rate', { file, path: at(field), expected: 'a number from 0 to 1', found: JSON.stringify(v) })
    return v
  }
  const opts: EventStreamArbOptions = { keys: g.keys, events: g.events, spanMs: g.span, idPrefix: `${input.topic}-` }
  if (g.disorder !== undefined) opts.disorderMs = g.disorder
  if (g.late !== undefined) opts.lateRate = g.late
  if (g.start !== undefined) opts.startTs = g.start
  const lateBy = ms('lateBy')
  if (lateBy !== undefined) opts.lateByMs = lateBy
  const duplicates = rate('duplicates')
  if (duplicates !== undefined) opts.duplicateRate = duplicates
  const boundaries = rate('boundaries')
  if (boundaries !== undefined) opts.boundaryRate = boundaries
  const gaps = rate('gaps')
  if (gaps !== undefined) opts.gapRate = gaps
  Object.assign(opts, windowOptions(scenario, ms('window'), ms('advance'), ms('grace'), ms('gap')))
  const value = await valueSource(scenario, inputIndex, g.value, file)
  if (value !== undefined) opts.value = value
  return opts
}

type WindowOptions = Pick<EventStreamArbOptions, 'windowSizeMs' | 'windowAdvanceMs' | 'graceMs' | 'sessionGapMs'>

/** Explicit window fields win; otherwise the first windows oracle's window. */
function windowOptions(scenario: Scenario, size?: number, advance?: number, grace?: number, gap?: number): WindowOptions {
  const out: WindowOptions = {}
  const oracle = scenario.oracles.find((o) => o.kind === 'windows')
  const w = oracle && 'window' in oracle ? oracle.window : undefined
  if (size !== undefined) out.windowSizeMs = size
  else if (w && (w.type === 'tumbling' || w.type === 'hopping')) {
    out.windowSizeMs = w.size
    out.windowAdvanceMs = w.advance
  }
  if (advance !== undefined) out.windowAdvanceMs = advance
  // the stream time at which a window becomes late: Kafka Streams `end + grace`; Flink
  // `end + delay + allowedLateness` (late iff end - 1 + lateness <= max ts - delay - 1)
  const flink = oracle?.kind === 'windows' && oracle.profile === 'flink' ? oracle.delay + (oracle.allowedLateness ?? 0) : undefined
  const g = grace ?? flink ?? w?.grace
  if (g !== undefined) out.graceMs = g
  if (gap !== undefined) out.sessionGapMs = gap
  else if (w?.type === 'session') out.sessionGapMs = w.gap
  else if (w?.type === 'sliding') out.sessionGapMs = w.difference
  return out
}

async function valueSource(scenario: Scenario, inputIndex: number, given: unknown, file: string): Promise<ValueSource | undefined> {
  const input = scenario.input[inputIndex]!
  const path = `input[${inputIndex}].generate.value`
  if (given !== undefined) {
    if (given === 'count' || typeof given === 'function') return given as ValueSource
    if (given !== null && typeof given === 'object' && ('jsonSchema' in given || 'avro' in given)) return given as ValueSource
    throw new InputError('not a value source', { file, path, expected: "count, { jsonSchema: {...} }, { avro: {...} } or (TS) a function of the key", found: JSON.stringify(given) })
  }
  const topic = scenario.topics[input.topic]
  if (!topic) return undefined
  switch (topic.value) {
    case 'avro':
    case 'json-schema': {
      const s = await readTopicSchema(topic)
      if (!s) return undefined
      const parsed = JSON.parse(s.schema) as unknown
      return topic.value === 'avro' ? { avro: parsed } : { jsonSchema: parsed as Record<string, unknown> }
    }
    case 'string':
      return { jsonSchema: { type: 'string', minLength: 1, maxLength: 8 } }
    case 'bytes':
      return { jsonSchema: { enum: ['AA==', 'AQ==', 'Ag==', 'AAEC', '/w=='] } }
    case 'protobuf':
      throw new InputError('values for a protobuf topic cannot be generated from its schema', {
        file,
        path,
        expected: "value: count, { jsonSchema: {...} } matching the message, or (TS) a function of the key",
        found: 'no value',
      })
    default:
      return undefined
  }
}

/** A property setting (`runs:`, `shrinkBudget:`) of the first generate block that has it. */
export function generateSetting(scenario: Scenario, field: 'runs' | 'shrinkBudget'): number | undefined {
  for (const input of scenario.input) if (input.generate?.[field] !== undefined) return input.generate[field]
  return undefined
}

/** True when some input says `generate:` (the scenario needs the property runner). */
export function hasGeneratedInput(scenario: Scenario): boolean {
  return scenario.input.some((i) => i.generate !== undefined)
}
