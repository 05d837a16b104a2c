/** Quotes a word for a POSIX shell only when it needs it. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word
  return `'${word.replaceAll("'", `'\\''`)}'`
}

/** `node app.mjs --in 'a b'`: a command line as a user would paste it into a shell. */
export function commandLine(words: readonly string[]): string {
  return words.map(shellQuote).join(' ')
}
