import { expect, test } from 'vitest'
import type { StreamEvent } from '../../../src/stream/event.ts'

test('a stream event carries key, value, headers and event time', () => {
  const e: StreamEvent = { key: 'k', value: { a: 1 }, headers: {}, ts: 5 }
  expect(e.ts).toBe(5)
})
