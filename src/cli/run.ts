import type { CommandDef } from './command.ts'
import { ENV_OPTION, ENVIRONMENT_OPTIONS } from './connection-flags.ts'

/** Scenarios at once when `--concurrency` is not given; measured on 2 cores (docs/concurrency.md). */
export const DEFAULT_CONCURRENCY = 3

export const run: CommandDef = {
  name: 'run',
  description: 'run scenario files (or folders of them) and judge each; exit 1 on any unexpected violation',
  args: [{ name: '<paths...>', description: 'scenario files or folders' }],
  options: [
    ENV_OPTION,
    ...ENVIRONMENT_OPTIONS,
    { flags: '--seed <n>', description: 'seed for every randomized step (default: random, printed)' },
    { flags: '--reporter <kind>', description: 'report format', choices: ['console', 'json', 'junit', 'html'], default: 'console' },
    { flags: '--out <file>', description: 'write the report to a file instead of stdout' },
    { flags: '--filter <pattern>', description: 'only scenarios whose name or file matches this regular expression' },
    { flags: '--shard <i/n>', description: 'run the i-th of n shards of the scenario files (sorted by path, dealt out in turn), e.g. one per CI machine' },
    { flags: '--concurrency <n>', description: `scenarios at once on the environment; one with exclusive: true, a broker or network step or environment: settings runs alone; 1 = one after another (default ${DEFAULT_CONCURRENCY})` },
    { flags: '--timeout <ms>', description: 'override each scenario timeout (ms)' },
    { flags: '--keep-topics', description: 'do not delete the run topics afterwards' },
    { flags: '--fixture <input=file...>', description: 'replace an input (topic name or input[i]) with a fixture, e.g. a saved regression' },
    { flags: '--runs <n>', description: 'generated inputs: how many streams to try (default: generate.runs)' },
    { flags: '--shrink-budget <n>', description: 'generated inputs: at most this many shrink runs after a failure (default: generate.shrinkBudget, else 50)' },
  ],
  run: (input) => import('./actions/run.ts').then((m) => m.runAction(input)),
}
