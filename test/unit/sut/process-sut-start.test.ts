import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { EnvironmentError } from '../../../src/errors.ts'
import { startProcessSut, SutError, type ProcessSut } from '../../../src/sut/index.ts'
import { alive, captureLogger, ctx, writeScripts } from './fixtures.ts'

const scripts = writeScripts()
const started: ProcessSut[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()))
})
afterAll(() => scripts.remove())

const node = process.execPath

async function start(...a: Parameters<typeof startProcessSut>): Promise<ProcessSut> {
  const sut = await startProcessSut(...a)
  started.push(sut)
  return sut
}

/** the promise's rejection, or a failure if it resolved */
async function rejection(p: Promise<unknown>): Promise<SutError> {
  const r = await p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  )
  if (r.ok) {
    if (r.v && typeof r.v === 'object' && 'stop' in r.v) await (r.v as ProcessSut).stop()
    throw new Error('expected a rejection')
  }
  expect(r.e).toBeInstanceOf(SutError)
  expect(r.e).toBeInstanceOf(EnvironmentError)
  return r.e as SutError
}

describe('startProcessSut', () => {
  test('the SUT gets the run environment, templated args and env, and is ready on its log line', async () => {
    const sut = await start(
      {
        command: node,
        args: [scripts.path('echo.mjs'), '--in', '{{topics.orders}}', '--group={{group}}'],
        env: { EXTRA: 'registry at {{registry}}' },
        ready: { log: '^ready$' },
      },
      ctx,
    )
    const out = sut.output()
    expect(out.at(-1)).toBe('[stdout] ready')
    const told = JSON.parse((out[0] ?? '').replace('[stdout] ', '')) as { pid: number; argv: string[]; env: Record<string, string> }
    expect(told.pid).toBe(sut.pid)
    expect(told.argv).toEqual(['--in', 'st.r1.orders', '--group=st.r1.sut'])
    expect(told.env).toEqual({
      KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081',
      ST_RUN_ID: 'r1',
      ST_GROUP_ID: 'st.r1.sut',
      ST_INSTANCE: '0',
      ST_TOPIC_ORDERS: 'st.r1.orders',
      ST_TOPIC_PAGE_VIEWS_V2: 'st.r1.page-views.v2',
      EXTRA: 'registry at http://127.0.0.1:8081',
    })
    expect(alive(sut.pid as number)).toBe(true)
  })

  test('without `ready` it is ready once spawned', async () => {
    const sut = await start({ command: node, args: [scripts.path('slow.mjs')] }, ctx)
    expect(typeof sut.pid).toBe('number')
    expect(alive(sut.pid as number)).toBe(true)
  })

  test('a SUT that exits before it is ready: one line naming command and exit code, then its last lines', async () => {
    const err = await rejection(start({ command: node, args: [scripts.path('exit-early.mjs')], ready: { log: 'ready' } }, ctx))
    const [headline, ...rest] = err.message.split('\n')
    expect(headline).toBe(`SUT \`${node} ${scripts.path('exit-early.mjs')}\` exited with code 7 before it was ready`)
    expect(err.code).toBe('ST_SUT_EXIT')
    expect(err.exitCode).toBe(3)
    expect(rest).toEqual([
      '  last 20 of 31 lines:',
      ...Array.from({ length: 19 }, (_, i) => `  | [stdout] line ${i + 12}`),
      '  | [stderr] fatal: no broker',
    ])
    expect(err.output).toHaveLength(31)
    expect(err.output[0]).toBe('[stdout] line 1')
  })

  test('a command that does not exist is an EnvironmentError naming it', async () => {
    const err = await rejection(start({ command: 'st-no-such-command', args: ['x'] }, ctx))
    expect(err.code).toBe('ST_SUT_SPAWN')
    expect(err.message.split('\n')[0]).toBe(
      'SUT `st-no-such-command x` could not be started: spawn st-no-such-command ENOENT; check that `st-no-such-command` is on PATH',
    )
  })

  test('no matching log line within readyTimeoutMs: the message says what it waited for; the SUT is killed', async () => {
    const { logger, records } = captureLogger()
    const err = await rejection(
      start({ command: node, args: [scripts.path('slow.mjs')], ready: { log: '^ready$' }, readyTimeoutMs: 300 }, ctx, { logger }),
    )
    expect(err.code).toBe('ST_SUT_READY')
    const [headline, ...rest] = err.message.split('\n')
    expect(headline).toBe(`SUT \`${node} ${scripts.path('slow.mjs')}\` not ready: no output line matched /^ready$/ after 300ms`)
    // how much it printed within 300ms depends on the machine's load; whatever it was is in the message
    expect(rest).toEqual(err.output.length ? ['  output:', ...err.output.map((l) => `  | ${l}`)] : ['  (no output)'])
    const pid = records.find((r) => r.msg === 'SUT started')?.pid as number
    expect(alive(pid)).toBe(false)
  })

  test('ready when the consumer group is stable', async () => {
    let asked = 0
    const sut = await start(
      { command: node, args: [scripts.path('slow.mjs')], ready: { group: 'stable' } },
      ctx,
      { isGroupStable: async () => ++asked === 3 },
    )
    expect(asked).toBe(3)
    expect(alive(sut.pid as number)).toBe(true)
  })

  test('a group that never gets stable: the message names the group and the time; the SUT is killed', async () => {
    const { logger, records } = captureLogger()
    const err = await rejection(
      start({ command: node, args: [scripts.path('slow.mjs')], ready: { group: 'stable' }, readyTimeoutMs: 300 }, ctx, {
        isGroupStable: async () => false,
        logger,
      }),
    )
    expect(err.message.split('\n')[0]).toBe(
      `SUT \`${node} ${scripts.path('slow.mjs')}\` not ready: consumer group "st.r1.sut" not stable after 300ms`,
    )
    const pid = records.find((r) => r.msg === 'SUT started')?.pid as number
    expect(alive(pid)).toBe(false)
  })

  test('output lines go to the logger at debug, tagged with the stream', async () => {
    const { logger, records } = captureLogger()
    const sut = await start({ command: node, args: [scripts.path('echo.mjs')], ready: { log: '^ready$' } }, ctx, { logger })
    expect(records.filter((r) => r.msg === 'ready')).toEqual([
      expect.objectContaining({ level: 20, stream: 'stdout', sut: `${node} ${scripts.path('echo.mjs')}` }),
    ])
    expect(records.find((r) => r.msg === 'SUT ready')).toEqual(expect.objectContaining({ level: 30, pid: sut.pid }))
  })

  test('exiting while waiting for a stable group ends the wait with the exit', async () => {
    const err = await rejection(
      start({ command: node, args: [scripts.path('exit-early.mjs')], ready: { group: 'stable' } }, ctx, {
        isGroupStable: async () => false,
      }),
    )
    expect(err.message.split('\n')[0]).toMatch(/exited with code 7 before it was ready$/)
  })

  test('a failing group check is a SutError that says so', async () => {
    const err = await rejection(
      start({ command: node, args: [scripts.path('slow.mjs')], ready: { group: 'stable' } }, ctx, {
        isGroupStable: async () => Promise.reject(new Error('broker down')),
      }),
    )
    expect(err.message.split('\n')[0]).toBe(
      `SUT \`${node} ${scripts.path('slow.mjs')}\` not ready: asking whether group "st.r1.sut" is stable failed: broker down`,
    )
  })

  test('a bad ready regex is an input error', async () => {
    await expect(start({ command: node, ready: { log: '(' } }, ctx)).rejects.toThrow(
      /^ready.log is not a valid regular expression: .*; at sut.ready.log; expected a JavaScript regular expression; found "\("$/,
    )
  })
})
