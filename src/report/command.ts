/** `npx stream-test run a.scenario.yaml 'b c.scenario.yaml' --seed 7`: the line that repeats a run. */
export function runCommand(files: readonly string[], seed: number): string {
  return ['npx', 'stream-test', 'run', ...files.map(shellQuote), '--seed', String(seed)].join(' ')
}

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word
  return `'${word.replaceAll("'", `'\\''`)}'`
}
