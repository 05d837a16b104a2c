import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, test, vi } from 'vitest'
import { externalConnection } from '../../../src/env/external/index.ts'
import { createLogger } from '../../../src/log.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SECRET = 'hunter2-sasl-secret'

afterEach(() => vi.restoreAllMocks())

/** Everything a text logger writes to stderr while `fn` runs. */
function captureText(fn: (l: ReturnType<typeof createLogger>) => void): string {
  let out = ''
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString()
    return true
  })
  fn(createLogger({ level: 'info', format: 'text' }))
  vi.restoreAllMocks()
  return out
}

test('text format: a SASL password in a log object is redacted, the rest is kept', () => {
  const out = captureText((l) => l.info({ sasl: { mechanism: 'plain', username: 'alice', password: SECRET } }, 'connecting'))
  expect(out).toBe('INFO  connecting sasl={"mechanism":"plain","username":"alice","password":"[redacted]"}\n')
})

test('text format: top-level password and registry auth are redacted', () => {
  const out = captureText((l) => {
    l.info({ password: SECRET }, 'a')
    l.info({ registryAuth: { username: 'r', password: SECRET } }, 'b')
  })
  expect(out).not.toContain(SECRET)
  expect(out).toBe('INFO  a password=[redacted]\nINFO  b registryAuth={"username":"r","password":"[redacted]"}\n')
})

test('json format (pino writing to fd 2): the SASL password is redacted', () => {
  const script = `
    import { createLogger } from './src/log.ts'
    createLogger({ level: 'info', format: 'json' }).info({ sasl: { mechanism: 'plain', username: 'alice', password: '${SECRET}' } }, 'connecting')
  `
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })
  expect(child.status).toBe(0)
  expect(child.stderr).not.toContain(SECRET)
  const line = JSON.parse(child.stderr.trim()) as Record<string, unknown>
  expect(line).toMatchObject({ level: 'info', msg: 'connecting', sasl: { mechanism: 'plain', username: 'alice', password: '[redacted]' } })
})

test('a whole Connection in a log object has its SASL and registry passwords redacted', () => {
  const conn = externalConnection({}, { KAFKA_BROKERS: 'h:1', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: SECRET })
  const out = captureText((l) => {
    l.info({ connection: conn }, 'a')
    l.info({ security: conn.security }, 'b')
  })
  expect(out).not.toContain(SECRET)
})
