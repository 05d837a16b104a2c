import type { EventStep } from '../step.ts'

export function isTsSorted(events: readonly EventStep[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i]!.event.ts < events[i - 1]!.event.ts) return false
  return true
}

/** Stable sort of indices by key. */
export function sortedOrder(keys: readonly number[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b)
}

/** Insertion sort by key where event j passes an earlier event x only within the bounds. */
export function insertionOrder(
  events: readonly EventStep[],
  keys: readonly number[],
  withinMs: number | undefined,
  positions: number | undefined,
): number[] {
  const out: number[] = []
  for (let j = 0; j < events.length; j++) {
    const ts = events[j]!.event.ts
    let p = out.length
    while (p > 0) {
      const x = out[p - 1]!
      if (keys[x]! <= keys[j]!) break
      if (withinMs !== undefined && Math.abs(events[x]!.event.ts - ts) > withinMs) break
      if (positions !== undefined && j - x > positions) break
      p--
    }
    out.splice(p, 0, j)
  }
  return out
}
