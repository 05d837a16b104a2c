import type { MatcherState } from 'vitest'
import { judgeIdempotency, lastValuePerKey, type State } from '../../oracle/idempotency.ts'
import { heldMessage, seedOf, violationMessage, type MatchResult } from './message.ts'
import { isCollectedTopic } from './received.ts'

export interface IdempotentOptions {
  /** path of the key for last-value-per-key (default `key`) */
  key?: string
  /** rows: their order matters too */
  ordered?: boolean
  /** the seed of the perturbed run, for the message (default: taken from a `sent` passed as `seed`) */
  seed?: number | { seed: number }
}

/**
 * `expect(await collect(out)).toBeIdempotent(clean)`: the final state after the perturbed run equals the
 * final state after a clean run. Either side is what collect() returned (compared as the last value per
 * key), a Map of key -> value, or an array of rows.
 */
export function toBeIdempotent(this: MatcherState, received: unknown, clean: unknown, options: IdempotentOptions = {}): MatchResult {
  const what = isCollectedTopic(received) ? `topic ${received.topic}` : 'state'
  const { violations } = judgeIdempotency({
    perturbed: stateOf(received, options),
    clean: stateOf(clean, options),
    what,
    ...(options.ordered === true ? { ordered: true } : {}),
  })
  const seed = typeof options.seed === 'number' ? options.seed : seedOf(options.seed)
  return {
    pass: violations.length === 0,
    message: () =>
      violations.length === 0
        ? heldMessage(this, `idempotency of ${what}`, seed)
        : violationMessage(this, `expected ${what} after the perturbed run to equal the clean run`, violations, seed),
  }
}

function stateOf(v: unknown, options: IdempotentOptions): State {
  if (isCollectedTopic(v)) return lastValuePerKey(v.committed, options.key !== undefined ? { key: options.key } : {})
  if (v instanceof Map || Array.isArray(v)) return v as State
  throw new TypeError('toBeIdempotent: compare what collect() returned, a Map of key -> value, or an array of rows')
}
