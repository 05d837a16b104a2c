import { InputError } from '../errors.ts'
import type { Scenario, SutSpec } from '../scenario/index.ts'
import { DEFAULT_STOP_TIMEOUT_MS } from '../sut/index.ts'

/** The logical topic names a backfill without a scenario uses: the SUT sees ST_TOPIC_IN / ST_TOPIC_OUT and `{{topics.in}}` / `{{topics.out}}`. */
export const FLAG_INPUT = 'in'
export const FLAG_OUTPUT = 'out'

export type FlagValueFormat = 'json' | 'string' | 'bytes'

export interface FlagScenarioOptions {
  /** the new SUT as words: command and arguments */
  sut: string[]
  /** where the SUT runs and its relative paths resolve */
  cwd: string
  /** a regular expression for the SUT's ready line; default: ready once its consumer group is stable */
  ready?: string
  /** partitions of the output topic; default: as many as the input topic gets */
  partitions?: number
  valueFormat: FlagValueFormat
  timeoutMs: number
  settleMs: number
}

/** A process SUT from command words (`--sut`, `--baseline-sut`). */
export function processSut(words: readonly string[], cwd: string, ready?: string): SutSpec {
  const [command, ...args] = words
  if (command === undefined) throw new InputError('the SUT command is empty')
  const spec: SutSpec = { kind: 'process', command, args, cwd, env: {}, readyTimeout: 30_000, stopTimeout: DEFAULT_STOP_TIMEOUT_MS, instances: 1, ready: ready !== undefined ? { log: ready } : { group: 'stable' } }
  return spec
}

/**
 * The scenario a backfill runs when it is given flags instead of a scenario file: one input topic `in`,
 * one output topic `out`, the SUT, no perturbations and no oracles (the judge is the per-key diff).
 */
export function flagScenario(o: FlagScenarioOptions): Scenario {
  const topic = (partitions: number) => ({ partitions, key: 'string' as const, value: o.valueFormat })
  return {
    name: 'backfill dry-run',
    topics: { [FLAG_INPUT]: topic(1), [FLAG_OUTPUT]: topic(o.partitions ?? 1) },
    input: [{ topic: FLAG_INPUT, events: [] }],
    perturb: [],
    sut: processSut(o.sut, o.cwd, o.ready),
    output: [{ topic: FLAG_OUTPUT, id: 'headers.st-id' }],
    oracles: [],
    expect: { verdict: 'pass', violations: [] },
    timeout: o.timeoutMs,
    settle: o.settleMs,
  }
}

/**
 * A scenario file reused for a backfill: its topics, SUT, timeout and settle; not its inputs,
 * perturbations or oracles. It must write one input topic; the output is `output` or its only one.
 */
export function scenarioTopics(scenario: Scenario, file: string, output?: string): { input: string; output: string } {
  const inputs = [...new Set(scenario.input.map((i) => i.topic))]
  if (inputs.length !== 1) {
    throw new InputError(`backfill replays one input topic; the scenario writes ${inputs.length}`, { file, path: 'input', expected: 'one input topic', found: inputs.join(', ') })
  }
  const outputs = scenario.output.map((o) => o.topic)
  if (outputs.length === 0) throw new InputError('the scenario declares no output topic to diff', { file, path: 'output', expected: 'output: [{ topic: <name> }]' })
  const chosen = output ?? (outputs.length === 1 ? outputs[0] : undefined)
  if (chosen === undefined || !outputs.includes(chosen)) {
    throw new InputError(output === undefined ? 'the scenario has several outputs: name the one to diff' : `--output ${output} is not an output of the scenario`, {
      file,
      path: 'output',
      expected: `--output <${outputs.join(' | ') || 'an output topic'}>`,
      ...(output !== undefined ? { found: output } : {}),
    })
  }
  return { input: inputs[0] as string, output: chosen }
}
