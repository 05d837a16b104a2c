import type { Note } from '../violation.ts'
import { windowId, type ExpectedWindow, type LateRecord } from './expected-types.ts'

/** The reference engines' output before the judge sees it (ExpectedWindows without spec and aggregate). */
export interface Collected {
  windows: Map<string, ExpectedWindow>
  unclosed: Map<string, ExpectedWindow>
  lateOnly: Map<string, ExpectedWindow>
  tolerated: Map<string, ExpectedWindow>
  lost?: Map<string, ExpectedWindow>
  late: LateRecord[]
  notes: Note[]
}

/**
 * Sorts computed windows into what must be emitted, what never closed, what only late records touch
 * and what may or may not appear. Two windows with one identity (a key on several partitions) are
 * both tolerated, not judged.
 */
export function collectWindows() {
  const windows = new Map<string, ExpectedWindow>()
  const unclosed = new Map<string, ExpectedWindow>()
  const lateOnly = new Map<string, ExpectedWindow>()
  const tolerated = new Map<string, ExpectedWindow>()
  const collided = new Set<string>()
  return {
    /**
     * `alone`: the caller knows no other window with this identity is added (its key is on one
     * partition and the engine keeps one window per identity), so the collision check is skipped.
     */
    add(w: ExpectedWindow, as: 'expected' | 'unclosed', alone = false): void {
      const id = windowId(w.key, w.start, w.end)
      if (alone) {
        ;(as === 'expected' ? windows : unclosed).set(id, w)
        return
      }
      const other = windows.get(id) ?? unclosed.get(id)
      if (other !== undefined || collided.has(id)) {
        collided.add(id)
        windows.delete(id)
        unclosed.delete(id)
        tolerated.set(id, w)
        return
      }
      ;(as === 'expected' ? windows : unclosed).set(id, w)
    },
    addLateOnly(w: ExpectedWindow): void {
      const id = windowId(w.key, w.start, w.end)
      const had = lateOnly.get(id)
      if (had === undefined) lateOnly.set(id, w)
      else had.dropped.push(...w.dropped)
    },
    tolerate(w: ExpectedWindow): void {
      const id = windowId(w.key, w.start, w.end)
      if (!windows.has(id)) tolerated.set(id, w)
    },
    finish(late: LateRecord[]): Collected {
      for (const [id, ghost] of lateOnly) {
        const real = windows.get(id) ?? unclosed.get(id) ?? tolerated.get(id)
        if (real === undefined) continue
        real.dropped.push(...ghost.dropped)
        lateOnly.delete(id)
      }
      return { windows, unclosed, lateOnly, tolerated, late, notes: unclosedNotes(unclosed) }
    },
  }
}

/** the note that windows were still open at the end of the stream */
export function unclosedNotes(unclosed: Map<string, ExpectedWindow>): Note[] {
  if (unclosed.size === 0) return []
  const first: { key: string; start: number; end: number; value: unknown }[] = []
  for (const w of unclosed.values()) {
    if (first.length === 20) break
    first.push({ key: w.key, start: w.start, end: w.end, value: w.value })
  }
  return [
    {
      oracle: 'windows',
      kind: 'window-not-closed',
      message: `${unclosed.size} windows were still open at the end of the stream: a correct app has not emitted them yet`,
      detail: first,
    },
  ]
}
