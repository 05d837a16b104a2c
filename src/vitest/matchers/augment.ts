import type { PlanOp } from '../../replay/plan.ts'
import type { ExactlyOnceOptions } from './exactly-once.ts'
import type { IdempotentOptions } from './idempotent.ts'
import type { WindowsOptions } from './window-options.ts'

/** The stream-test matchers on vitest's `expect(...)`. */
export interface StreamMatchers<R = unknown> {
  /** every input of `sent` (what replay() returned) has exactly its expected outputs (default 1), no unexpected output */
  toBeExactlyOnce(sent: readonly PlanOp[], options?: ExactlyOnceOptions): R
  /** the final state (last value per key) equals the clean run's */
  toBeIdempotent(clean: unknown, options?: IdempotentOptions): R
  /** the window results equal the reference engine's for the replayed plan */
  toMatchWindows(sent: readonly PlanOp[], options: WindowsOptions): R
  /** the committed records equal a JSON Lines fixture as a multiset of { key, value }; await it */
  toMatchFixture(path: string): Promise<R>
}

declare module 'vitest' {
  interface Matchers<T = any> extends StreamMatchers<T> {}
}
