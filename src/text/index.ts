// Text helpers every layer may use.
export { plural } from './plural.ts'
export { commandLine, shellQuote } from './shell-quote.ts'
export { parseDuration, parsePercent } from './duration.ts'
