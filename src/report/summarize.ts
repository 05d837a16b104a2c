import type { ScenarioResult } from '../result/index.ts'
import { runCommand } from './command.ts'
import { countOutcomes } from './outcome.ts'
import type { RunSummary } from './reporter.ts'

/**
 * The RunSummary of a run: counts from the results, and the command that repeats it — `typed`, the
 * words the user gave after `run` (paths as typed and the flags given, without `--seed`; the CLI's
 * typedWords), then `--seed <seed>`. `npx stream-test run scenarios/` repeats as
 * `npx stream-test run scenarios/ --seed 7`, not as the list of the files found there.
 */
export function summarize(
  results: readonly ScenarioResult[],
  run: { typed: readonly string[]; seed: number; durationMs: number },
): RunSummary {
  return { seed: run.seed, durationMs: run.durationMs, ...countOutcomes(results), command: runCommand(run.typed, run.seed) }
}
