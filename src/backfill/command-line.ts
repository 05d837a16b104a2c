import { InputError } from '../errors.ts'

/**
 * Split a command line the way a POSIX shell splits words, without expanding anything: blanks separate
 * words; 'single quotes' keep everything literally; "double quotes" keep blanks and honour \" and \\;
 * a backslash outside quotes escapes the next character. `--sut 'node app.mjs --in {{topics.in}}'`
 * takes the SUT as one flag value, so its own `--flags` never reach the stream-test parser.
 */
export function splitCommandLine(text: string, flag = '--sut'): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: "'" | '"' | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (quote === "'") {
      if (c === "'") quote = undefined
      else word += c
      continue
    }
    if (quote === '"') {
      if (c === '"') quote = undefined
      else if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i]
      else word += c
      continue
    }
    if (c === "'" || c === '"') {
      quote = c
      inWord = true
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i]
      inWord = true
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += c
      inWord = true
    }
  }
  if (quote) throw new InputError(`${flag}: unterminated ${quote === '"' ? 'double' : 'single'} quote`, { expected: 'a command line with balanced quotes', found: text })
  if (inWord) words.push(word)
  if (words.length === 0) throw new InputError(`${flag} is empty`, { expected: "a command line, e.g. 'node app.mjs --in {{topics.in}} --out {{topics.out}}'" })
  return words
}
