import { expect, test } from 'stream-test/vitest'

/**
 * One of ten parallel files: each writes 40 records tagged with its own number to a topic that every
 * file calls `events`, and must read back exactly its own 40, nothing of the others.
 */
export function isolationCase(n: number): void {
  test(`file ${n} reads only its own records`, async ({ streams, replay, collect }) => {
    const events = await streams.topic('events', { partitions: 3 })
    expect(events.name).toBe(`${streams.namespace}events`)
    const sent = await replay(events, Array.from({ length: 40 }, (_, i) => ({ key: `k${i % 7}`, value: { file: n, i } })), { seed: n })
    const got = await collect(events, { settle: 200 })
    expect(got.committed.map((r) => (r.value as { file: number }).file)).toEqual(Array(40).fill(n))
    expect(got.committed.map((r) => (r.value as { i: number }).i).sort((a, b) => a - b)).toEqual([...Array(40).keys()])
    expect(new Set(got.committed.map((r) => r.headers['st-id']))).toEqual(new Set(sent.map((op) => op.id)))
  })
}
