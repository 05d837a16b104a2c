import { writeFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { startEnvironment } from '../../env/index.ts'
import { EnvironmentError, InputError } from '../../errors.ts'
import { randomSeed } from '../../perturb/rng.ts'
import { createReporter, summarize, type ReporterKind } from '../../report/index.ts'
import { runCommand } from '../../report/command.ts'
import { checkEnvironmentNeeds, openEnvironments } from '../../runner/environments.ts'
import { startLocalEnvironment } from '../../env/local/index.ts'
import { runInPool } from '../../runner/schedule.ts'
import { whyAlone } from '../../runner/runs-alone.ts'
import { log } from '../../log.ts'
import { erroredResult, resultBase, runScenario } from '../../runner/run-scenario.ts'
import { runProperty } from '../../runner/property-run.ts'
import { parseFixtureFlag, withInputFixtures } from '../../runner/inputs.ts'
import { hasGeneratedInput } from '../../generate/index.ts'
import { findScenarioFiles, loadScenario, type Scenario } from '../../scenario/index.ts'
import { checkFixture } from '../../scenario/check-files.ts'
import { scenarioError, type Problem } from '../../scenario/problems.ts'
import { environmentStart } from '../connection-option.ts'
import { intOption } from '../options.ts'
import { shardOf, shardOption } from '../shard.ts'
import { DEFAULT_CONCURRENCY } from '../run.ts'
import { withoutFlag } from '../typed-words.ts'
import type { CommandInput } from '../command.ts'


export async function runAction({ args, opts, typed }: CommandInput): Promise<number> {
  const paths = (args[0] as string[]) ?? []
  const cliSeed = intOption(opts.seed, '--seed')
  const timeoutMs = intOption(opts.timeout, '--timeout')
  const runs = intOption(opts.runs, '--runs')
  const shrinkBudget = intOption(opts.shrinkBudget, '--shrink-budget')
  const concurrency = intOption(opts.concurrency, '--concurrency') ?? DEFAULT_CONCURRENCY
  if (concurrency < 1) throw new InputError(`bad --concurrency "${concurrency}"`, { expected: 'an integer >= 1 (1 runs the scenarios one after another)' })
  const fixtureFlags = ((opts.fixture as string[] | undefined) ?? []).map(parseFixtureFlag)
  const reporterKind = opts.reporter as ReporterKind
  if (reporterKind === 'html' && typeof opts.out !== 'string') throw new InputError('--reporter html needs --out <file.html>')
  const shard = shardOption(opts.shard)
  const start = environmentStart(opts)
  let filter: RegExp | undefined
  try {
    filter = typeof opts.filter === 'string' ? new RegExp(opts.filter) : undefined
  } catch (err) {
    throw new InputError(`bad --filter: ${(err as Error).message}`)
  }

  const found = await findScenarioFiles(paths)
  if (found.length === 0) throw new InputError(`no scenario files (*.scenario.yaml, *.scenario.ts) under ${paths.join(', ')}`)
  // a shard is taken from the files before any is loaded: each machine of a CI matrix loads only its own
  const files = shard ? shardOf(found, shard, process.cwd()) : found
  // load everything first: a bad scenario is reported before any broker starts
  const loaded: { file: string; scenario: Scenario }[] = []
  const problems: string[] = []
  for (const file of files) {
    try {
      const own = await loadScenario(file)
      const scenario = withInputFixtures(own, Object.fromEntries(fixtureFlags), file)
      await checkOverrides(own, scenario, file)
      if (!filter || filter.test(scenario.name) || filter.test(file)) loaded.push({ file, scenario })
    } catch (err) {
      if (err instanceof InputError) problems.push(err.message)
      else throw err
    }
  }
  if (problems.length > 0) throw new InputError(`${problems.length} scenario file(s) are not valid:\n${problems.join('\n')}`)

  checkEnvironmentNeeds(loaded.map((l) => ({ file: relative(process.cwd(), l.file) || l.file, scenario: l.scenario })), start.env)

  const seed = cliSeed ?? randomSeed()
  const shown = loaded.map((l) => relative(process.cwd(), l.file) || l.file)
  const reporter = createReporter(reporterKind, reporterKind === 'console' && opts.out === undefined ? {} : { stream: process.stderr })
  reporter.onStart?.(shown, seed)
  const env = await startEnvironment(start)
  const started = Date.now()
  const envs = await openEnvironments(env, (nodes) => startLocalEnvironment({ nodes, proxy: true })).catch(async (err: unknown) => {
    await env.stop()
    throw err
  })
  const alone = loaded.map((l) => whyAlone(l.scenario))
  const results = await runInPool(loaded.length, { concurrency, alone: (i) => alone[i] !== undefined }, async (i, borrow) => {
    const { scenario } = loaded[i] as { scenario: Scenario }
    const name = shown[i] as string
    const scenarioSeed = cliSeed ?? scenario.seed ?? seed
    const runOptions = {
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(opts.keepTopics ? { keepTopics: true } : {}),
      repeatCommand: (f: string, s: number) => runCommand([f], s),
    }
    const startedAt = Date.now()
    const h = await envs.harnessFor(scenario).catch((err: unknown) => {
      // a broken shared cluster fails the scenarios that need it, not the whole run
      if (err instanceof EnvironmentError && err.code === 'ST_ENV_BROKEN') return err
      throw err
    })
    reporter.onScenarioStart?.(name, scenario.name)
    if (h instanceof EnvironmentError) {
      const result = erroredResult(scenario, resultBase(scenario, name, scenarioSeed, runOptions.repeatCommand), h, { started: startedAt })
      reporter.onScenarioEnd?.(result)
      return result
    }
    if (concurrency > 1 && alone[i] !== undefined) log().info({ scenario: name }, `${name} runs alone (${alone[i]})`)
    const result = hasGeneratedInput(scenario) || (runs ?? scenario.runs ?? 1) > 1
      ? await runProperty(h, scenario, name, {
          seed: scenarioSeed,
          ...(shrinkBudget !== undefined ? { shrinkBudget } : {}),
          ...(runs !== undefined ? { runs } : {}),
          runOptions,
          ...(alone[i] === undefined ? { borrow } : {}),
          onProgress: (k, total, phase) => reporter.onScenarioProgress?.(k, total, phase, name),
        })
      : await runScenario(h, scenario, name, { seed: scenarioSeed, ...runOptions })
    reporter.onScenarioEnd?.(result)
    return result
  }).finally(() => envs.close().finally(() => env.stop()))
  const summary = summarize(results, { typed: withoutFlag(typed ?? paths, '--seed'), seed, durationMs: Date.now() - started })
  const text = reporter.finish(results, summary)
  if (typeof opts.out === 'string') await writeFile(opts.out, text)
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  return summary.errored > 0 ? 3 : summary.failed > 0 ? 1 : 0
}

/** A `--fixture` override is checked like a scenario's own fixture: a missing file or a bad line is bad input, before any broker starts. */
async function checkOverrides(own: Scenario, scenario: Scenario, file: string): Promise<void> {
  const problems: Problem[] = []
  for (const [i, inp] of scenario.input.entries()) {
    if (inp.fixture !== undefined && inp.fixture !== own.input[i]?.fixture) problems.push(...(await checkFixture(inp.fixture, ['input', i, 'fixture'])))
  }
  if (problems.length > 0) throw scenarioError(problems, { file })
}
