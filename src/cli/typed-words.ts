import type { Command } from 'commander'

/**
 * What the user typed after the command name, as words in a canonical form: the arguments, then each
 * flag given on the command line (not defaults, not from the environment) as `--flag value`, a
 * repeated or variadic flag once per value. `run scenarios/ --filter=win` gives
 * `['scenarios/', '--filter', 'win']`.
 */
export function typedWords(cmd: Command, positional: readonly unknown[]): string[] {
  const words = positional.flatMap((a) => (Array.isArray(a) ? a.map(String) : [String(a)]))
  for (const opt of cmd.options) {
    const key = opt.attributeName()
    if (cmd.getOptionValueSource(key) !== 'cli' || !opt.long) continue
    const value: unknown = cmd.getOptionValue(key)
    if (value === true) words.push(opt.long)
    else for (const v of Array.isArray(value) ? value : [value]) words.push(opt.long, String(v))
  }
  return words
}

/** `words` without a flag and its value (`--seed 7`), e.g. to put a different one in its place. */
export function withoutFlag(words: readonly string[], flag: string): string[] {
  return words.filter((w, i) => w !== flag && words[i - 1] !== flag)
}
