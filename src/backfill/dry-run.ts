import type { CollectedRecord } from '../collect/record.ts'
import type { Connection } from '../env/environment.ts'
import { EnvironmentError } from '../errors.ts'
import { commandLine } from '../text/index.ts'
import { lastValuePerKey } from '../oracle/idempotency.ts'
import { buildPlan } from '../replay/build-plan.ts'
import type { Plan } from '../replay/plan.ts'
import { executeRun, type Execution } from '../runner/execute-run.ts'
import { runFailure } from '../runner/run-failed.ts'
import type { Harness } from '../runner/harness.ts'
import type { Scenario, SutSpec } from '../scenario/index.ts'
import type { StreamEvent } from '../stream/event.ts'
import { readFixtureAll } from '../stream/read-fixture.ts'
import { diffPerKey, type KeyDiff } from './key-diff.ts'
import { resolveRange, type RangeBound } from './range-bound.ts'
import { readRecords } from './read-records.ts'
import { keepHistory } from './keep-history.ts'
import { fixtureRecords, mergeByTs, recordEvents } from './records.ts'
import { assertNotSource, openSourceCluster, type SourceCluster } from './source-cluster.ts'

/** Where the recorded input comes from: a fixture, or a range of a topic on the source cluster (read-only). */
export type BackfillInput = { kind: 'fixture'; file: string } | { kind: 'topic'; topic: string; from?: RangeBound; to?: RangeBound }

/**
 * What the new SUT's output is compared with: a recorded output fixture, an output topic on the source
 * cluster (read-only; over the same time range as the input, whole when the range is in offsets), or
 * the old SUT run side by side on the same plan.
 */
export type BackfillBaseline = { kind: 'fixture'; file: string } | { kind: 'topic'; topic: string } | { kind: 'sut'; sut: SutSpec }

export interface BackfillOptions {
  /** topics, the new SUT, timeout and settle (perturbations and oracles are not used) */
  scenario: Scenario
  /** the scenario file; the SUT's relative paths resolve from its folder */
  file: string
  /** logical names of the topic the input is replayed to and the output that is diffed */
  inputTopic: string
  outputTopic: string
  input: BackfillInput
  baseline: BackfillBaseline
  /** the source cluster, only read; needed when the input or the baseline is a topic */
  source?: Connection
  /** where the SUTs run (never the source cluster: checked by cluster id) */
  target: Harness
  /** path of the key for the last value per key: `key`, `value.<field>`, `headers.<name>`; default `key` */
  key?: string
  /** give the output topic as many partitions as the input topic gets */
  sameOutputPartitions?: boolean
  keepTopics?: boolean
  /** progress lines for people (stderr in the CLI) */
  log?: (line: string) => void
}

export interface StateSummary {
  /** where it came from, for people */
  source: string
  records: number
  keys: number
}

export interface BackfillReport {
  input: { source: string; events: number; partitions: number }
  /** with a baseline SUT: its run id on the target */
  baseline: StateSummary & { runId?: string }
  candidate: StateSummary & { runId: string; env: string }
  /** per key: added (only the new SUT), removed (only the baseline), changed (both values) */
  diff: KeyDiff
  /** the consumer groups that read the source cluster; none of them ever committed an offset */
  sourceReadGroups: string[]
  /** ms per step: read-input, read-baseline, the new SUT's run phases, and the baseline SUT's as baseline-<phase> */
  phases: Record<string, number>
  durationMs: number
}

/**
 * `stream-test backfill --dry-run` (DESIGN.md section 6): replay recorded input through the new SUT on
 * the target environment, collect its output once quiescent, and diff the last value per key against
 * the baseline. The source cluster is only read (metadata and group-less-in-effect consumers that commit
 * nothing); every topic, producer and SUT group lives on the target under a fresh run namespace.
 */
export async function backfillDryRun(o: BackfillOptions): Promise<BackfillReport> {
  const started = Date.now()
  const log = o.log ?? (() => undefined)
  const keyPath = o.key ?? 'key'
  const needsSource = o.input.kind === 'topic' || o.baseline.kind === 'topic'
  if (needsSource && !o.source) throw new EnvironmentError('reading a topic needs the source cluster (--source-brokers)', 'ST_BACKFILL_SOURCE')
  await using source = needsSource ? await openSourceCluster(o.source as Connection) : undefined
  const readGroups: string[] = []
  if (source) await assertNotSource(source, o.target.admin, o.target.env.connection.brokers)
  const phases: Record<string, number> = {}
  let since = Date.now()
  const input = await loadInput(o, source, readGroups, log)
  phases['read-input'] = Date.now() - since
  since = Date.now()
  // the baseline is read before anything runs: a bad baseline fails in seconds, not after the SUT
  const recorded = o.baseline.kind === 'sut' ? undefined : await loadBaseline(o, o.baseline, source, readGroups, log)
  if (recorded) phases['read-baseline'] = Date.now() - since

  const warning = await keepHistory(o.target.admin, o.target.env.connection.kind, input.events)
  if (warning) log(warning)
  const scenario = withPartitions(o, input.partitions)
  const plan = buildPlan([{ topic: o.inputTopic, partitions: input.partitions, events: input.events }], [], 0)
  const baselineSut = o.baseline.kind === 'sut' ? o.baseline.sut : undefined
  log(`replaying ${input.events.length} events through the new SUT${baselineSut ? ' and the baseline SUT' : ''} on ${o.target.env.connection.kind} (${o.target.env.connection.brokers.join(',')})`)
  const [candidateRun, baselineRun] = await runBoth(o, scenario, plan, baselineSut)
  Object.assign(phases, candidateRun.phases)
  for (const [k, v] of Object.entries(baselineRun?.phases ?? {})) phases[`baseline-${k}`] = v

  const candidateRecords = outputOf(candidateRun, o.outputTopic)
  const candidateState = lastValuePerKey(candidateRecords, { key: keyPath })
  let baseline: StateSummary & { runId?: string }
  let baselineState: ReadonlyMap<string, unknown>
  if (baselineRun) {
    const records = outputOf(baselineRun, o.outputTopic)
    baselineState = lastValuePerKey(records, { key: keyPath })
    baseline = { source: `baseline SUT \`${commandText(baselineSut as SutSpec)}\` (run ${baselineRun.runId})`, records: records.length, keys: baselineState.size, runId: baselineRun.runId }
  } else {
    const r = recorded as { source: string; records: CollectedRecord[] }
    baselineState = lastValuePerKey(r.records, { key: keyPath })
    baseline = { source: r.source, records: r.records.length, keys: baselineState.size }
  }
  return {
    input: { source: input.source, events: input.events.length, partitions: input.partitions },
    baseline,
    candidate: {
      source: `new SUT \`${commandText(o.scenario.sut)}\``,
      records: candidateRecords.length,
      keys: candidateState.size,
      runId: candidateRun.runId,
      env: o.target.env.connection.kind,
    },
    diff: diffPerKey(baselineState, candidateState),
    sourceReadGroups: readGroups,
    phases,
    durationMs: Date.now() - started,
  }
}

async function loadInput(o: BackfillOptions, source: SourceCluster | undefined, groups: string[], log: (l: string) => void): Promise<{ source: string; events: StreamEvent[]; partitions: number }> {
  const spec = o.scenario.topics[o.inputTopic]
  const format = spec?.value
  const declared = spec?.partitions ?? 1
  if (o.input.kind === 'fixture') {
    const events = await readFixtureAll(o.input.file, format ? { value: format } : {})
    const pinned = events.reduce((m, e) => Math.max(m, (e.partition ?? -1) + 1), 0)
    return { source: o.input.file, events, partitions: Math.max(declared, pinned, 1) }
  }
  const src = source as SourceCluster
  const ranges = await resolveRange(src.admin, o.input.topic, o.input.from, o.input.to)
  const total = ranges.reduce((n, r) => n + r.end - r.start, 0)
  log(`reading ${total} records of ${o.input.topic} from the source cluster (read-only)`)
  const read = await readRecords(src.kafka, o.input.topic, ranges, { as: o.inputTopic, ...decodeAs(format), ...(src.registry ? { registry: src.registry } : {}) })
  groups.push(read.groupId)
  const where = ranges.map((r) => `${r.partition}:${r.start}-${r.end}`).join(' ')
  return { source: `${o.input.topic} on ${src.connection.brokers.join(',')} [${where}]`, events: mergeByTs(recordEvents(read.records)), partitions: Math.max(ranges.length, 1) }
}

async function loadBaseline(
  o: BackfillOptions,
  spec: Exclude<BackfillBaseline, { kind: 'sut' }>,
  source: SourceCluster | undefined,
  groups: string[],
  log: (l: string) => void,
): Promise<{ source: string; records: CollectedRecord[] }> {
  const format = o.scenario.topics[o.outputTopic]?.value
  if (spec.kind === 'fixture') {
    const events = await readFixtureAll(spec.file, format ? { value: format } : {})
    return { source: spec.file, records: fixtureRecords(events, o.outputTopic) }
  }
  const src = source as SourceCluster
  // time bounds select the same period of the output topic; offsets of the input topic mean nothing here
  const time = (b: RangeBound | undefined): RangeBound | undefined => (b?.kind === 'time' ? b : undefined)
  const from = o.input.kind === 'topic' ? time(o.input.from) : undefined
  const to = o.input.kind === 'topic' ? time(o.input.to) : undefined
  const ranges = await resolveRange(src.admin, spec.topic, from, to)
  log(`reading ${ranges.reduce((n, r) => n + r.end - r.start, 0)} records of ${spec.topic} (baseline) from the source cluster (read-only)`)
  const read = await readRecords(src.kafka, spec.topic, ranges, { as: o.outputTopic, ...decodeAs(format), ...(src.registry ? { registry: src.registry } : {}) })
  groups.push(read.groupId)
  return { source: `${spec.topic} on ${src.connection.brokers.join(',')}`, records: read.records }
}

function decodeAs(format: string | undefined): { valueFormat?: 'json' | 'string' | 'bytes' } {
  return format === 'json' || format === 'string' || format === 'bytes' ? { valueFormat: format } : {}
}

function withPartitions(o: BackfillOptions, partitions: number): Scenario {
  const topics = { ...o.scenario.topics }
  const inSpec = topics[o.inputTopic]
  if (inSpec) topics[o.inputTopic] = { ...inSpec, partitions }
  const outSpec = topics[o.outputTopic]
  if (outSpec && o.sameOutputPartitions) topics[o.outputTopic] = { ...outSpec, partitions }
  return { ...o.scenario, topics, perturb: [] }
}

/** The new SUT, and the old one when it is the baseline, side by side: two runs, two namespaces, one plan. */
async function runBoth(o: BackfillOptions, scenario: Scenario, plan: Plan, baselineSut: SutSpec | undefined): Promise<[Execution, Execution | undefined]> {
  const keep = o.keepTopics ? { keepTopics: true } : {}
  const runs = [executeRun(o.target, scenario, o.file, plan, keep)]
  if (baselineSut) runs.push(executeRun(o.target, { ...scenario, sut: baselineSut }, o.file, plan, keep))
  const settled = await Promise.allSettled(runs)
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') return
    const { cause, sutOutput } = runFailure(s.reason)
    const which = i === 0 ? 'the new SUT' : 'the baseline SUT'
    const tail = sutOutput.slice(-10)
    throw new EnvironmentError(`${which} did not finish the backfill: ${(cause as Error).message}${tail.length ? `\nits last output:\n  ${tail.join('\n  ')}` : ''}`, 'ST_BACKFILL_RUN', { cause })
  })
  const [a, b] = settled as PromiseFulfilledResult<Execution>[]
  return [(a as PromiseFulfilledResult<Execution>).value, b?.value]
}

function outputOf(run: Execution, topic: string): CollectedRecord[] {
  return run.outputs.find((t) => t.topic === topic)?.committed ?? []
}

function commandText(sut: SutSpec): string {
  return sut.kind === 'process' ? commandLine([sut.command, ...sut.args]) : 'in-process function'
}
