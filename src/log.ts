import { Writable } from 'node:stream'
import pino, { type Logger } from 'pino'

export type LogFormat = 'text' | 'json'

export interface LogOptions {
  level?: string
  format?: LogFormat
}

/** Words that must never reach a log, whatever the caller passes in. */
const REDACT = [
  'password', '*.password', 'sasl.password', '*.sasl.password', 'security.sasl.password', '*.security.sasl.password',
  'registryAuth.password', '*.registryAuth.password', 'credentials', 'auth', '*.auth',
]

/** Readable one-line text for people: `WARN  broker started port=1234`. */
function textDestination(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue
        const { level, msg, time: _t, pid: _p, hostname: _h, ...rest } = JSON.parse(line) as Record<string, unknown>
        const extra = Object.entries(rest)
          .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(' ')
        out.write(`${String(level).toUpperCase().padEnd(5)} ${String(msg ?? '')}${extra ? ` ${extra}` : ''}\n`)
      }
      done()
    },
  })
}

/** The harness logger: pino, to stderr, `text` for people or `json` for machines. */
export function createLogger(opts: LogOptions = {}): Logger {
  const level = opts.level ?? process.env.ST_LOG_LEVEL ?? 'warn'
  const format = opts.format ?? (process.env.ST_LOG_FORMAT === 'json' ? 'json' : 'text')
  const base = { level, base: null, redact: { paths: REDACT, censor: '[redacted]' }, formatters: { level: (l: string) => ({ level: l }) } }
  return format === 'json' ? pino(base, pino.destination(2)) : pino(base, textDestination(process.stderr))
}

let shared: Logger | undefined
/** The process-wide logger; the CLI replaces it from its flags with `setLogger`. */
export function log(): Logger {
  shared ??= createLogger()
  return shared
}
export function setLogger(l: Logger): void {
  shared = l
}
