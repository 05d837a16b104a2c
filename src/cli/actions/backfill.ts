import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  backfillDryRun, flagScenario, FLAG_INPUT, FLAG_OUTPUT, isEmptyDiff, parseBackfillFlags, processSut, renderBackfillConsole, renderBackfillJson, scenarioTopics,
  type BackfillBaseline, type BackfillFlags,
} from '../../backfill/index.ts'
import { startEnvironment } from '../../env/index.ts'
import { openHarness } from '../../runner/harness.ts'
import { loadScenario, type Scenario } from '../../scenario/index.ts'
import type { CommandInput } from '../command.ts'
import { environmentStart } from '../connection-option.ts'

export async function backfillAction({ opts }: CommandInput): Promise<number> {
  const flags = parseBackfillFlags(opts)
  const start = environmentStart({ ...opts, env: flags.env })
  const { scenario, file, input, output } = await scenarioFor(flags)
  const baseline: BackfillBaseline = flags.baseline.kind === 'sut' ? { kind: 'sut', sut: processSut(flags.baseline.words, process.cwd(), flags.ready) } : flags.baseline
  const log = (line: string): void => void process.stderr.write(`${line}\n`)
  const env = await startEnvironment({ ...start, ...(flags.shadowPrefix ? { topicPrefix: flags.shadowPrefix } : {}) })
  let report
  try {
    await using target = await openHarness(env)
    report = await backfillDryRun({
      scenario,
      file,
      inputTopic: input,
      outputTopic: output,
      input: flags.input,
      baseline,
      ...(flags.source ? { source: flags.source } : {}),
      target,
      key: flags.key,
      sameOutputPartitions: flags.scenario === undefined && flags.partitions === undefined,
      keepTopics: flags.keepTopics,
      log,
    })
  } finally {
    await env.stop()
  }
  const color = flags.out === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR
  const text = flags.reporter === 'json' ? renderBackfillJson(report) : renderBackfillConsole(report, { color, limit: flags.limit })
  if (flags.out) await writeFile(flags.out, text)
  else process.stdout.write(text)
  return isEmptyDiff(report.diff) ? 0 : 1
}

/** The scenario the dry-run runs: a scenario file (its SUT replaced by --sut) or one made from the flags. */
async function scenarioFor(flags: BackfillFlags): Promise<{ scenario: Scenario; file: string; input: string; output: string }> {
  if (flags.scenario === undefined) {
    const scenario = flagScenario({
      sut: flags.sut as string[],
      cwd: process.cwd(),
      ...(flags.ready !== undefined ? { ready: flags.ready } : {}),
      ...(flags.partitions !== undefined ? { partitions: flags.partitions } : {}),
      valueFormat: flags.valueFormat,
      timeoutMs: flags.timeoutMs,
      settleMs: flags.settleMs,
    })
    return { scenario, file: resolve(process.cwd(), 'backfill'), input: FLAG_INPUT, output: FLAG_OUTPUT }
  }
  const loaded = await loadScenario(flags.scenario)
  const topics = scenarioTopics(loaded, flags.scenario, flags.output)
  const sut = flags.sut ? processSut(flags.sut, process.cwd(), flags.ready) : loaded.sut
  const scenario: Scenario = { ...loaded, sut, timeout: Math.max(loaded.timeout, flags.timeoutMs), settle: loaded.settle }
  return { scenario, file: flags.scenario, input: topics.input, output: topics.output }
}
