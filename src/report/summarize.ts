import type { ScenarioResult } from '../runner/result.ts'
import { runCommand } from './command.ts'
import { countOutcomes } from './outcome.ts'
import type { RunSummary } from './reporter.ts'

/** The RunSummary of a run over `files` with `seed`: counts from the results, the repeat command built. */
export function summarize(
  results: readonly ScenarioResult[],
  run: { files: readonly string[]; seed: number; durationMs: number },
): RunSummary {
  return { seed: run.seed, durationMs: run.durationMs, ...countOutcomes(results), command: runCommand(run.files, run.seed) }
}
