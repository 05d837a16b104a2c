import { expect, test } from 'stream-test/vitest'
import { passthrough } from './apps.ts'

// Fails on purpose: the outer test reads the failure message from vitest's JSON report.
test('duplicating SUT, asserted exactly-once', async ({ streams, sut, replay, collect }) => {
  const input = await streams.topic('in')
  const output = await streams.topic('out')
  await sut.start({ run: passthrough({ duplicateEvery: 4 }) })
  const sent = await replay(input, Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, value: { i } })), { seed: 3 })
  expect(await collect(output)).toBeExactlyOnce(sent)
})
