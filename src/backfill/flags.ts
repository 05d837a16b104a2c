import { resolve } from 'node:path'
import type { Connection } from '../env/environment.ts'
import { externalConnection } from '../env/external/index.ts'
import { InputError } from '../errors.ts'
import { checkPath } from '../oracle/correlate.ts'
import { TOPIC_NAME } from '../scenario/topic-schema.ts'
import type { FlagValueFormat } from './backfill-scenario.ts'
import { splitCommandLine } from './command-line.ts'
import type { BackfillInput } from './dry-run.ts'
import { parseRangeBound } from './range-bound.ts'

/** The baseline as the flags name it; a SUT is still a command line here. */
export type BaselineFlag = { kind: 'fixture'; file: string } | { kind: 'topic'; topic: string } | { kind: 'sut'; words: string[] }

/** Everything `stream-test backfill` was told, checked before any broker is contacted. */
export interface BackfillFlags {
  input: BackfillInput
  baseline: BaselineFlag
  /** the source cluster (read-only), when the input or the baseline is a topic */
  source?: Connection
  /** the new SUT's command words; with a scenario it replaces the scenario's SUT */
  sut?: string[]
  scenario?: string
  output?: string
  ready?: string
  /** where the SUTs run (its connection flags, --port/--brokers/--registry, are checked by the CLI) */
  env: string
  shadowPrefix?: string
  key: string
  partitions?: number
  valueFormat: FlagValueFormat
  timeoutMs: number
  settleMs: number
  reporter: 'console' | 'json'
  out?: string
  limit: number
  keepTopics: boolean
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

function intFlag(v: unknown, flag: string, min: number): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isSafeInteger(n) || n < min) throw new InputError(`bad ${flag} "${String(v)}"`, { expected: `an integer >= ${min}` })
  return n
}

function exactlyOne(named: Record<string, unknown>, what: 'input' | 'baseline'): string {
  const given = Object.entries(named).filter(([, v]) => v !== undefined).map(([k]) => k)
  if (given.length !== 1) {
    throw new InputError(given.length === 0 ? `backfill needs ${what === 'input' ? 'an' : 'a'} ${what}` : `backfill takes one ${what}, got ${given.join(' and ')}`, { expected: `one of ${Object.keys(named).join(', ')}` })
  }
  return given[0] as string
}

/**
 * Check and normalise the flags (commander's camelCase `opts`). Paths resolve from `cwd`. Throws
 * InputError (exit 2) naming the flag for anything missing, contradictory or malformed.
 */
export function parseBackfillFlags(opts: Record<string, unknown>, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): BackfillFlags {
  if (opts.dryRun !== true) throw new InputError('only --dry-run is supported', { expected: 'stream-test backfill --dry-run ...' })
  const inputFile = str(opts.input)
  const sourceTopic = str(opts.sourceTopic)
  const inputKind = exactlyOne({ '--input': inputFile, '--source-topic': sourceTopic }, 'input')
  const baselineKind = exactlyOne({ '--baseline': str(opts.baseline), '--baseline-topic': str(opts.baselineTopic), '--baseline-sut': str(opts.baselineSut) }, 'baseline')
  if (str(opts.sut) === undefined && str(opts.scenario) === undefined) throw new InputError('backfill needs the new SUT', { expected: "--sut '<command line>' or --scenario <file>" })

  const from = str(opts.from) === undefined ? undefined : parseRangeBound(String(opts.from), '--from')
  const to = str(opts.to) === undefined ? undefined : parseRangeBound(String(opts.to), '--to')
  if ((from || to) && inputKind !== '--source-topic') throw new InputError('--from and --to select a range of --source-topic', { expected: '--source-topic <name> with them, or neither' })
  if (from?.kind === 'time' && to?.kind === 'time' && to.ms < from.ms) throw new InputError('--to is before --from', { expected: '--from <= --to' })

  const needsSource = inputKind === '--source-topic' || baselineKind === '--baseline-topic'
  const sourceBrokers = str(opts.sourceBrokers)
  if (needsSource && sourceBrokers === undefined) {
    throw new InputError(`${inputKind === '--source-topic' ? '--source-topic' : '--baseline-topic'} is read from the source cluster`, { expected: '--source-brokers host:port[,host:port]' })
  }
  if (!needsSource && sourceBrokers !== undefined) throw new InputError('--source-brokers without a topic to read', { expected: '--source-topic or --baseline-topic with it' })
  const sourceRegistry = str(opts.sourceRegistry)
  const source = needsSource ? externalConnection({ brokers: sourceBrokers as string, ...(sourceRegistry ? { registryUrl: sourceRegistry } : {}) }, { ...env, SCHEMA_REGISTRY_URL: '' }) : undefined

  const kind = str(opts.env) ?? 'local'
  const shadowPrefix = str(opts.shadowPrefix)
  if (kind === 'external' && shadowPrefix === undefined) {
    throw new InputError('--env external runs the SUTs on a cluster that may hold other topics: name their shadow prefix', { expected: '--shadow-prefix <prefix>, e.g. --shadow-prefix backfill.' })
  }
  if (shadowPrefix !== undefined && kind !== 'external') throw new InputError(`--shadow-prefix is for --env external (the ${kind} environment is fresh and empty)`, { expected: '--env external with it, or no --shadow-prefix' })
  if (shadowPrefix !== undefined && !TOPIC_NAME.test(shadowPrefix)) throw new InputError(`bad --shadow-prefix "${shadowPrefix}"`, { expected: 'letters, digits, ".", "_" and "-" (a topic name prefix)' })

  const key = str(opts.key) ?? 'key'
  checkPath(key)
  const valueFormat = (str(opts.valueFormat) ?? 'json') as FlagValueFormat
  if (!['json', 'string', 'bytes'].includes(valueFormat)) throw new InputError(`bad --value-format "${valueFormat}"`, { expected: 'json, string or bytes (registry formats: use --scenario)' })
  const reporter = (str(opts.reporter) ?? 'console') as 'console' | 'json'
  if (reporter !== 'console' && reporter !== 'json') throw new InputError(`bad --reporter "${reporter}"`, { expected: 'console or json' })

  const input: BackfillInput = inputFile !== undefined
    ? { kind: 'fixture', file: resolve(cwd, inputFile) }
    : { kind: 'topic', topic: sourceTopic as string, ...(from ? { from } : {}), ...(to ? { to } : {}) }
  const baseline: BaselineFlag = baselineKind === '--baseline'
    ? { kind: 'fixture', file: resolve(cwd, String(opts.baseline)) }
    : baselineKind === '--baseline-topic' ? { kind: 'topic', topic: String(opts.baselineTopic) } : { kind: 'sut', words: splitCommandLine(String(opts.baselineSut), '--baseline-sut') }

  const flags: BackfillFlags = {
    input,
    baseline,
    env: kind,
    key,
    valueFormat,
    timeoutMs: intFlag(opts.timeout, '--timeout', 1) ?? 120_000,
    settleMs: intFlag(opts.settle, '--settle', 0) ?? 500,
    reporter,
    limit: intFlag(opts.limit, '--limit', 0) ?? 20,
    keepTopics: opts.keepTopics === true,
  }
  if (source) flags.source = source
  if (str(opts.sut) !== undefined) flags.sut = splitCommandLine(String(opts.sut), '--sut')
  if (str(opts.scenario) !== undefined) flags.scenario = resolve(cwd, String(opts.scenario))
  if (str(opts.output) !== undefined) flags.output = String(opts.output)
  if (str(opts.ready) !== undefined) flags.ready = String(opts.ready)
  if (shadowPrefix !== undefined) flags.shadowPrefix = shadowPrefix
  const partitions = intFlag(opts.partitions, '--partitions', 1)
  if (partitions !== undefined) flags.partitions = partitions
  if (str(opts.out) !== undefined) flags.out = resolve(cwd, String(opts.out))
  return flags
}
