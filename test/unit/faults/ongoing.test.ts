import { afterEach, expect, test, vi } from 'vitest'
import { ongoingFaults } from '../../../src/faults/ongoing.ts'

afterEach(() => {
  vi.useRealTimers()
})

test('a timed fault ends after its time, once; timed() waits for it; an untimed one waits for endAll', async () => {
  vi.useFakeTimers()
  const ended: string[] = []
  const f = ongoingFaults()
  await f.start('broker:1', async () => void ended.push('broker:1'), 5000)
  await f.start('network:4', async () => void ended.push('network:4'))
  const timed = f.timed()
  await vi.advanceTimersByTimeAsync(4999)
  expect(ended).toEqual([])
  await vi.advanceTimersByTimeAsync(1)
  await timed
  expect(ended).toEqual(['broker:1'])
  expect(await f.end('broker:1')).toBe(false)
  await f.endAll()
  await f.endAll()
  expect(ended).toEqual(['broker:1', 'network:4'])
})

test('end() ends a fault early and cancels its timer; a failed ending reaches timed(), and the fault is gone after it', async () => {
  vi.useFakeTimers()
  let ends = 0
  const f = ongoingFaults()
  await f.start('broker:2', async () => void ends++, 5000)
  expect(await f.end('broker:2')).toBe(true)
  await vi.advanceTimersByTimeAsync(6000)
  expect(ends).toBe(1)
  await f.start('broker:3', () => Promise.reject(new Error('node 3 did not come back')), 10)
  const timed = f.timed()
  const failed = expect(timed).rejects.toThrow('node 3 did not come back')
  await vi.advanceTimersByTimeAsync(10)
  await failed
  await expect(f.endAll()).resolves.toBeUndefined()
})
