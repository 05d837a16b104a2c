import { expect, test } from 'vitest'
import { runInPool, startOrder } from '../../../src/runner/schedule.ts'

/** A job per index that ends when the test says so; records starts and the most running at once. */
function jobs() {
  const ends = new Map<number, () => void>()
  const started: number[] = []
  let running = 0
  let most = 0
  const run = (i: number) =>
    new Promise<string>((resolve) => {
      started.push(i)
      most = Math.max(most, ++running)
      ends.set(i, () => (running--, resolve(`r${i}`)))
    })
  const end = async (i: number) => {
    await until(() => ends.has(i))
    ends.get(i)?.()
  }
  return { run, end, started, most: () => most, running: () => running }
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await Promise.resolve()
  if (!cond()) throw new Error('condition not met after 1000 microtasks')
}

test('concurrency 1 is the list order, one at a time, exclusive or not', async () => {
  expect(startOrder(4, { concurrency: 1, alone: (i) => i === 1 })).toEqual([0, 1, 2, 3])
  const j = jobs()
  const all = runInPool(3, { concurrency: 1, alone: () => false }, j.run)
  for (const i of [0, 1, 2]) await j.end(i)
  expect(await all).toEqual(['r0', 'r1', 'r2'])
  expect(j.most()).toBe(1)
})

test('at most N at once; results in list order though the last one ended first', async () => {
  const j = jobs()
  const all = runInPool(4, { concurrency: 2, alone: () => false }, j.run)
  await until(() => j.started.length === 2)
  expect(j.started).toEqual([0, 1])
  await j.end(1)
  await until(() => j.started.length === 3)
  await j.end(2)
  await j.end(3)
  await j.end(0)
  expect(await all).toEqual(['r0', 'r1', 'r2', 'r3'])
  expect(j.most()).toBe(2)
})

test('an exclusive job waits for the shared ones, runs alone after them, and nothing starts beside it', async () => {
  const alone = (i: number) => i === 0 || i === 2
  expect(startOrder(4, { concurrency: 3, alone })).toEqual([1, 3, 0, 2])
  const j = jobs()
  const all = runInPool(4, { concurrency: 3, alone }, j.run)
  await until(() => j.started.length === 2)
  expect(j.started).toEqual([1, 3])
  await j.end(3)
  await Promise.resolve()
  expect(j.started).toEqual([1, 3])
  await j.end(1)
  await until(() => j.started.length === 3)
  expect(j.running()).toBe(1)
  await j.end(0)
  await until(() => j.started.length === 4)
  expect(j.running()).toBe(1)
  await j.end(2)
  expect(await all).toEqual(['r0', 'r1', 'r2', 'r3'])
})

test('a rejected job: nothing new starts, the running ones finish, the rejection is thrown', async () => {
  let finished = 0
  const all = runInPool(5, { concurrency: 2, alone: () => false }, async (i) => {
    if (i === 0) throw new Error('cluster would not start')
    await new Promise((r) => setImmediate(r))
    finished++
    return i
  })
  await expect(all).rejects.toThrow('cluster would not start')
  expect(finished).toBe(1)
})

test('a concurrency below 1 is refused', async () => {
  await expect(runInPool(1, { concurrency: 0, alone: () => false }, async () => 1)).rejects.toThrow('concurrency must be an integer >= 1, got 0')
})

test('a job borrows a free slot only once no job waits to start; an exclusive job leaves none to borrow', async () => {
  const borrowed: (string | undefined)[] = []
  let open = (): void => undefined
  const gate = new Promise<void>((r) => (open = r))
  const all = runInPool(3, { concurrency: 3, alone: (i) => i === 2 }, async (i, borrow) => {
    if (i === 0) {
      const release = borrow()
      borrowed.push(release ? 'slot' : undefined) // job 2 still waits: no slot
      await gate
      release?.()
    }
    if (i === 1) return i
    if (i === 2) borrowed.push(borrow() ? 'slot' : undefined) // runs alone: all slots are its own
    return i
  })
  open()
  expect(await all).toEqual([0, 1, 2])
  expect(borrowed).toEqual([undefined, undefined])

  const seen: (string | undefined)[] = []
  await runInPool(1, { concurrency: 3, alone: () => false }, async (_i, borrow) => {
    const a = borrow()
    const b = borrow()
    seen.push(a ? 'slot' : undefined, b ? 'slot' : undefined, borrow() ? 'slot' : undefined)
    a?.()
    b?.()
  })
  expect(seen).toEqual(['slot', 'slot', undefined])
})
