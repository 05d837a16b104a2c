import type { Note } from '../violation.ts'
import { windowId, type ExpectedWindow, type LateRecord } from './expected-types.ts'
import type { SortedWindows } from './load-windows.ts'
import type { WindowIndex } from './window-index.ts'
import { windowMaps, type WindowMaps } from './window-view.ts'

/** A reference engine's output before the judge sees it (ExpectedWindows without spec and aggregate). */
export interface Collected extends WindowMaps {
  /** every window, the maps' one source */
  index: WindowIndex
  late: LateRecord[]
  notes: Note[]
}

/** What an engine hands on: its windows (in one index, with the maps over it), late records and notes. */
export function collected(index: WindowIndex, late: LateRecord[], notes: Note[]): Collected {
  return { index, ...windowMaps(index), late, notes }
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
    /** the windows sorted; the dropped records of a late-only window go to the real window of its identity */
    finish(): SortedWindows {
      for (const [id, ghost] of lateOnly) {
        const real = windows.get(id) ?? unclosed.get(id) ?? tolerated.get(id)
        if (real === undefined) continue
        real.dropped.push(...ghost.dropped)
        lateOnly.delete(id)
      }
      return { windows, unclosed, lateOnly, tolerated }
    },
  }
}

/** the note that windows were still open at the end of the stream */
export function unclosedNotes(unclosed: ReadonlyMap<string, ExpectedWindow>): Note[] {
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
