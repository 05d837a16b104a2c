import { expect } from 'vitest'
import { toBeExactlyOnce } from './exactly-once.ts'
import { toMatchFixture } from './fixture.ts'
import { toBeIdempotent } from './idempotent.ts'
import { toMatchWindows } from './windows.ts'
import './augment.ts'

/** Adds the stream-test matchers to vitest's `expect` (done once when stream-test/vitest is imported). */
export function registerMatchers(): void {
  expect.extend({ toBeExactlyOnce, toBeIdempotent, toMatchWindows, toMatchFixture })
}
