import { describe, expect, test } from 'vitest'
import { EnvironmentError } from '../../../src/errors.ts'
import { startInProcessSut, type SutContext, type SutExit } from '../../../src/sut/index.ts'
import { ctx } from './fixtures.ts'

/** a promise with its resolve exposed */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {}
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

/** An in-process SUT that records what happens to it; its stop waits for `release` when given one. */
function recorder(release?: Promise<void>) {
  const events: string[] = []
  let failed: (e: unknown) => void = () => {}
  let n = 0
  const run = async (c: SutContext, control: { failed: (e: unknown) => void }) => {
    const me = ++n
    events.push(`run ${me} group=${c.groupId}`)
    failed = control.failed
    return async () => {
      events.push(`stop ${me} begun`)
      await release
      events.push(`stop ${me} done`)
    }
  }
  return { run, events, fail: (e: unknown) => failed(e) }
}

describe('startInProcessSut', () => {
  test('runs with the context; stop calls the stop function once, however often it is called', async () => {
    const r = recorder()
    const sut = await startInProcessSut(r.run, ctx)
    expect(sut.kind).toBe('in-process')
    await Promise.all([sut.stop(), sut.stop()])
    await sut[Symbol.asyncDispose]()
    expect(r.events).toEqual(['run 1 group=st.r1.sut', 'stop 1 begun', 'stop 1 done'])
    expect(sut.output()).toEqual([])
  })

  test('crash calls stop without waiting for it; restart waits for that stop, then runs again', async () => {
    const release = deferred()
    const r = recorder(release.promise)
    const sut = await startInProcessSut(r.run, ctx)
    await sut.crash()
    expect(r.events).toEqual(['run 1 group=st.r1.sut', 'stop 1 begun'])
    const restarted = sut.restart()
    release.resolve()
    await restarted
    expect(r.events).toEqual(['run 1 group=st.r1.sut', 'stop 1 begun', 'stop 1 done', 'run 2 group=st.r1.sut'])
    await sut.stop()
    expect(r.events.slice(-2)).toEqual(['stop 2 begun', 'stop 2 done'])
  })

  test('restart of a running SUT stops it gracefully first', async () => {
    const r = recorder()
    const sut = await startInProcessSut(r.run, ctx)
    await sut.restart()
    await sut.stop()
    expect(r.events).toEqual([
      'run 1 group=st.r1.sut',
      'stop 1 begun',
      'stop 1 done',
      'run 2 group=st.r1.sut',
      'stop 2 begun',
      'stop 2 done',
    ])
  })

  test('a SUT that fails by itself is reported, to late subscribers too; stop then has nothing to stop', async () => {
    const r = recorder()
    const sut = await startInProcessSut(r.run, ctx)
    const exits: SutExit[] = []
    sut.onUnexpectedExit((e) => exits.push(e))
    r.fail(new Error('consumer crashed'))
    expect(exits).toHaveLength(1)
    expect(exits[0]?.error).toBeInstanceOf(EnvironmentError)
    expect(exits[0]?.error.message).toBe('in-process SUT failed by itself: consumer crashed')
    const late: SutExit[] = []
    sut.onUnexpectedExit((e) => late.push(e))
    expect(late).toEqual(exits)
    await sut.stop()
    expect(r.events).toEqual(['run 1 group=st.r1.sut'])
  })

  test('a failure reported after crash is not unexpected', async () => {
    const r = recorder()
    const sut = await startInProcessSut(r.run, ctx)
    const exits: SutExit[] = []
    sut.onUnexpectedExit((e) => exits.push(e))
    await sut.crash()
    r.fail(new Error('disconnected'))
    expect(exits).toEqual([])
  })

  test('run rejecting is an EnvironmentError carrying the cause', async () => {
    const cause = new Error('ECONNREFUSED 127.0.0.1:9092')
    const err = await startInProcessSut(async () => Promise.reject(cause), ctx).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(EnvironmentError)
    expect((err as EnvironmentError).message).toBe('in-process SUT failed to start: ECONNREFUSED 127.0.0.1:9092')
    expect((err as EnvironmentError).cause).toBe(cause)
  })

  test('run that never resolves: the timeout says what it waited for', async () => {
    const err = await startInProcessSut(() => new Promise(() => {}), ctx, { readyTimeoutMs: 50 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(EnvironmentError)
    expect((err as EnvironmentError).message).toBe('in-process SUT not ready: run() did not resolve after 50ms')
  })

  test('a stop function that hangs: stop rejects after stopTimeoutMs', async () => {
    const sut = await startInProcessSut(async () => () => new Promise<void>(() => {}), ctx, { stopTimeoutMs: 50 })
    await expect(sut.stop()).rejects.toThrow('in-process SUT did not stop within 50ms')
  })
})
