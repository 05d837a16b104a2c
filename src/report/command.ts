import { shellQuote } from '../text/index.ts'

/**
 * `npx stream-test run scenarios/ 'b c.scenario.yaml' --filter win --seed 7`: the line that repeats a
 * run, from the words after `run` (paths and flags, without --seed) and the seed.
 */
export function runCommand(words: readonly string[], seed: number): string {
  return ['npx', 'stream-test', 'run', ...words.map(shellQuote), '--seed', String(seed)].join(' ')
}
