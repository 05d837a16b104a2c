import { InputError } from '../errors.ts'
import { parseDuration, parsePercent } from '../text/index.ts'
import { burst } from './burst.ts'
import { duplicate } from './duplicate.ts'
import { evolveSchema } from './evolve-schema.ts'
import { crashSut, killBroker, networkFault, pauseBroker, pauseSut, PLACEMENTS, restartBroker, scaleSut } from './faults.ts'
import { late } from './late.ts'
import { reorder } from './reorder.ts'
import { replay } from './replay.ts'
import { deriveRng } from './rng.ts'
import { BROKER_ROLES, BROKER_STEPS, DIRECTIONS, LINKS, NETWORK_FAULTS, type BrokerTarget, type FaultKind, type NetworkParams, type Perturbation, type Placement, type Step } from './step.ts'

/** A perturbation as plain data (durations already in ms, percents as fractions). */
export type PerturbSpec =
  | { kind: 'reorder'; withinMs?: number; positions?: number }
  | { kind: 'duplicate'; rate: number; copies?: number; spread?: number }
  | { kind: 'late'; rate: number; byMs: number }
  | { kind: 'burst'; size: number; every?: number }
  | { kind: 'replay'; times?: number }
  | { kind: 'crash-sut'; after?: number; at?: number; seeded?: true; instance?: number; on?: Placement; evict?: boolean }
  | { kind: 'pause-sut'; after?: number; at?: number; seeded?: true; instance?: number; on?: Placement; evict?: boolean; forMs: number }
  | { kind: 'scale-sut'; after?: number; at?: number; seeded?: true; to: number }
  | { kind: 'restart-broker'; after?: number; at?: number; seeded?: true; target?: BrokerTarget }
  | { kind: 'kill-broker'; after?: number; at?: number; seeded?: true; on?: Placement; target: BrokerTarget; forMs?: number }
  | { kind: 'pause-broker'; after?: number; at?: number; seeded?: true; on?: Placement; target: BrokerTarget; forMs: number }
  | { kind: 'network'; after?: number; at?: number; seeded?: true; on?: Placement; target: BrokerTarget; network: NetworkParams; forMs: number }
  /** `topic`: the scenario topic whose events change schema (absent: every input the spec is applied to) */
  | { kind: 'evolve-schema'; schema: string; after?: number; at?: number; topic?: string }

export type PerturbKind = PerturbSpec['kind']

export function toPerturbation(spec: PerturbSpec): Perturbation {
  switch (spec.kind) {
    case 'reorder':
      return reorder(spec)
    case 'duplicate':
      return duplicate(spec)
    case 'late':
      return late(spec)
    case 'burst':
      return burst(spec)
    case 'replay':
      return replay(spec)
    case 'crash-sut':
      return crashSut(spec)
    case 'pause-sut':
      return pauseSut(spec)
    case 'scale-sut':
      return scaleSut(spec)
    case 'restart-broker':
      return restartBroker(spec)
    case 'kill-broker':
      return killBroker(spec)
    case 'pause-broker':
      return pauseBroker(spec)
    case 'network':
      return networkFault(spec)
    case 'evolve-schema':
      return evolveSchema(spec)
  }
}

/** Applies the specs in order; the i-th gets its own rng, derived from (seed, i). */
export function applyPerturbations(steps: readonly Step[], specs: readonly PerturbSpec[], seed: number): Step[] {
  return specs.reduce<Step[]>((acc, spec, i) => toPerturbation(spec)(acc, deriveRng(seed, i)), steps.slice())
}

type ValueType = 'duration' | 'rate' | 'count' | 'natural' | 'fraction' | 'flag' | 'boolean' | 'placement' | 'text' | 'role' | 'fault' | 'direction' | 'link'


const POINT: Record<string, [string, ValueType]> = { after: ['after', 'fraction'], at: ['at', 'natural'], seeded: ['seeded', 'flag'] }
const INSTANCE: Record<string, [string, ValueType]> = { instance: ['instance', 'natural'], on: ['on', 'placement'], evict: ['evict', 'boolean'] }
/** a broker by number or role; parseOne folds these into `target` */
const TARGET: Record<string, [string, ValueType]> = {
  broker: ['broker', 'natural'], role: ['role', 'role'], topic: ['topic', 'text'], partition: ['partition', 'natural'], 'transactional-id': ['transactionalId', 'text'],
}

/** For each perturbation: parameter name in the spec -> [field of PerturbSpec, value type]. */
const PARAMS: Record<PerturbKind, Record<string, [string, ValueType]>> = {
  reorder: { within: ['withinMs', 'duration'], positions: ['positions', 'natural'] },
  duplicate: { rate: ['rate', 'rate'], copies: ['copies', 'count'], spread: ['spread', 'natural'] },
  late: { rate: ['rate', 'rate'], by: ['byMs', 'duration'] },
  burst: { size: ['size', 'count'], every: ['every', 'count'] },
  replay: { times: ['times', 'count'] },
  'crash-sut': { ...POINT, ...INSTANCE },
  'pause-sut': { ...POINT, ...INSTANCE, for: ['forMs', 'duration'] },
  'scale-sut': { ...POINT, to: ['to', 'count'] },
  'restart-broker': { ...POINT, ...TARGET },
  'kill-broker': { ...POINT, ...TARGET, on: ['on', 'placement'], for: ['forMs', 'duration'] },
  'pause-broker': { ...POINT, ...TARGET, on: ['on', 'placement'], for: ['forMs', 'duration'] },
  network: { ...POINT, ...TARGET, on: ['on', 'placement'], fault: ['fault', 'fault'], ms: ['ms', 'natural'], direction: ['direction', 'direction'], drop: ['drop', 'direction'], link: ['link', 'link'], for: ['forMs', 'duration'] },
  'evolve-schema': { schema: ['schema', 'text'], at: ['at', 'natural'], after: ['after', 'fraction'] },
}

const REQUIRED: Partial<Record<PerturbKind, string[]>> = {
  duplicate: ['rate'], late: ['rate', 'by'], 'evolve-schema': ['schema'], burst: ['size'], 'pause-sut': ['for'], 'scale-sut': ['to'], 'pause-broker': ['for'], network: ['fault', 'for'],
}

const EXPECTED: Record<ValueType, string> = {
  duration: "a duration like '300ms', '5s', '10m', '1h' or a number of milliseconds",
  rate: "a rate from 0 to 1, like '0.1' or '10%'",
  count: 'an integer >= 1',
  natural: 'an integer >= 0',
  fraction: "a fraction from 0 to 1, like '0.5' or '50%'",
  flag: "no value, or 'true'",
  boolean: "'true' or 'false' (no value: true)",
  placement: `one of ${PLACEMENTS.join(', ')}`,
  text: 'a name',
  role: `one of ${BROKER_ROLES.join(', ')}`,
  fault: `one of ${NETWORK_FAULTS.join(', ')}`,
  direction: `one of ${DIRECTIONS.join(', ')}`,
  link: `one of ${LINKS.join(', ')}`,
}

/** `--perturb kill-broker:role=leader:topic=orders` names its broker with flat keys; the spec holds a target. */
function foldTarget(spec: Record<string, unknown>): void {
  const { broker, role, topic, partition, transactionalId, fault, ms, direction, drop, link } = spec
  for (const k of ['broker', 'role', 'topic', 'partition', 'transactionalId', 'fault', 'ms', 'direction', 'drop', 'link']) delete spec[k]
  const kind = spec.kind as PerturbKind
  if (!BROKER_STEPS.has(kind as FaultKind)) return
  let target: BrokerTarget | undefined
  if (broker !== undefined) target = { broker: broker as number }
  else if (role === 'leader') target = { role: 'leader', topic: (topic as string | undefined) ?? '', partition: (partition as number | undefined) ?? 0 }
  else if (role === 'transaction-coordinator') target = { role: 'transaction-coordinator', transactionalId: (transactionalId as string | undefined) ?? '' }
  else if (role === 'group-coordinator' || role === 'controller') target = { role }
  else if (kind === 'network') target = { all: true }
  if (target) spec.target = target
  if (kind === 'network') {
    spec.network = { fault, ...(ms !== undefined ? { ms } : {}), ...(direction !== undefined ? { direction } : {}), ...(drop !== undefined ? { drop } : {}), ...(link === 'replication' ? { link } : {}) }
  }
}

/**
 * Parses the CLI `--perturb` value. Grammar (whitespace around parts is ignored):
 *
 *   specs  := spec ("," spec)*
 *   spec   := name (":" param)*
 *   param  := key "=" value | key          (a bare key only for flags: `crash-sut:seeded`)
 *
 * names and keys: reorder:within=<duration>:positions=<n>, duplicate:rate=<rate>:copies=<n>:spread=<n>,
 * late:rate=<rate>:by=<duration>, burst:size=<n>:every=<n>, replay:times=<n>,
 * crash-sut / restart-broker with one of at=<n>, after=<fraction>, seeded (none: seeded); crash-sut also
 * instance=<n>, on=<placement>, evict=<true|false>; pause-sut the same plus for=<duration> (required);
 * scale-sut:to=<n> with a position. Broker steps name a broker with broker=<n> or role=<role> (leader
 * with topic=<name>[:partition=<n>], transaction-coordinator with transactional-id=<id>):
 * kill-broker[:for=<duration>], pause-broker:for=<duration>, restart-broker (no broker: every node),
 * network:fault=<delay|stall|cut|one-way>[:ms=<n>][:direction=<d>][:drop=<d>][:link=replication]:for=<duration> (no broker: all).
 * evolve-schema:schema=<file> with at=<n> or after=<fraction>: later events encoded with that schema.
 * Durations: `300ms`, `5s`, `10m`, `1h` or ms; rates and fractions: `0.1` or `10%`.
 * Example: `reorder:within=5s,duplicate:rate=0.1:copies=2,crash-sut:after=50%`.
 * Bad input throws InputError naming the part (`--perturb[1].rate`), what was expected and found.
 */
export function parsePerturbSpec(text: string): PerturbSpec[] {
  if (text.trim() === '') throw new InputError('empty --perturb value', { path: '--perturb', expected: 'name[:key=value...][,...]', found: '""' })
  return text.split(',').map((part, i) => parseOne(part.trim(), i))
}

function parseOne(part: string, index: number): PerturbSpec {
  const where = `--perturb[${index}]`
  const fail = (path: string, expected: string, found: string): never => {
    throw new InputError(`bad --perturb part "${part}"`, { path, expected, found })
  }
  if (part === '') return fail(where, 'a perturbation name', 'nothing (an empty part between commas?)')
  const [rawName = '', ...params] = part.split(':').map((s) => s.trim())
  const kinds = Object.keys(PARAMS) as PerturbKind[]
  const kind = kinds.find((k) => k === rawName)
  if (kind === undefined) return fail(where, `one of ${kinds.join(', ')}`, `"${rawName}"`)
  const table = PARAMS[kind]
  const spec: Record<string, unknown> = { kind }
  const seen = new Set<string>()
  for (const param of params) {
    const eq = param.indexOf('=')
    const key = (eq === -1 ? param : param.slice(0, eq)).trim()
    const value = eq === -1 ? undefined : param.slice(eq + 1).trim()
    const entry = table[key]
    if (entry === undefined) {
      const keys = Object.keys(table)
      return fail(`${where}.${key}`, `a parameter of ${kind}: ${keys.join(', ')}`, `"${param}"`)
    }
    if (seen.has(key)) fail(`${where}.${key}`, `${key} at most once`, `"${key}" twice`)
    seen.add(key)
    const [field, type] = entry
    const parsed = parseValue(type, value)
    if (parsed === undefined) fail(`${where}.${key}`, EXPECTED[type], value === undefined ? 'no value' : `"${value}"`)
    spec[field] = parsed
  }
  for (const key of REQUIRED[kind] ?? []) {
    if (!seen.has(key)) fail(`${where}.${key}`, `${key}: ${EXPECTED[table[key]![1]]}`, `no ${key}`)
  }
  foldTarget(spec)
  if ((kind === 'kill-broker' || kind === 'pause-broker') && spec.target === undefined) {
    fail(`${where}.broker`, 'broker=N or role=leader|group-coordinator|transaction-coordinator|controller', 'no broker')
  }
  const result = spec as PerturbSpec
  try {
    toPerturbation(result)
  } catch (e) {
    if (!(e instanceof InputError)) throw e
    // factory paths look like `crash-sut.at`: keep what follows the name
    const sub = (e.detail.path ?? '').split('.').slice(1).join('.')
    fail(sub ? `${where}.${sub}` : where, e.detail.expected ?? e.reason, e.detail.found ?? part)
  }
  return result
}

function parseValue(type: ValueType, value: string | undefined): number | boolean | string | undefined {
  if (type === 'flag') return value === undefined || value === 'true' ? true : undefined
  if (type === 'boolean') return value === undefined || value === 'true' ? true : value === 'false' ? false : undefined
  if (type === 'placement') return PLACEMENTS.find((p) => p === value)
  if (type === 'role') return BROKER_ROLES.find((r) => r === value)
  if (type === 'fault') return NETWORK_FAULTS.find((f) => f === value)
  if (type === 'direction') return DIRECTIONS.find((d) => d === value)
  if (type === 'link') return LINKS.find((l) => l === value)
  if (type === 'text') return value === undefined || value === '' ? undefined : value
  if (value === undefined || value === '') return undefined
  switch (type) {
    case 'duration':
      return parseDuration(value)
    case 'count':
    case 'natural': {
      if (!/^\d+$/.test(value)) return undefined
      const n = Number(value)
      return type === 'count' && n < 1 ? undefined : n
    }
    case 'rate':
    case 'fraction': {
      const percent = parsePercent(value)
      if (percent !== undefined) return percent
      if (!/^\d+(\.\d+)?$|^\.\d+$/.test(value)) return undefined
      const n = Number(value)
      return n <= 1 ? n : undefined
    }
  }
}
