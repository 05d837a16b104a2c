import type { EventStep } from '../step.ts'

/** Hands out copy numbers that no step of the input uses yet: per id, max copy seen + 1, + 2, ... */
export function copyCounter(events: readonly EventStep[]): (id: string) => number {
  const next = new Map<string, number>()
  for (const e of events) next.set(e.id, Math.max(next.get(e.id) ?? 0, e.copy + 1))
  return (id) => {
    const n = next.get(id) ?? 1
    next.set(id, n + 1)
    return n
  }
}
