import type { ExpectedWindow } from './expected-types.ts'

/**
 * Which part of ExpectedWindows a window belongs to; also the order windowsOfKey lists them in.
 * Indeterminate: a Flink window whose result depends on watermark timing (in no map, not judged).
 */
export const Category = { Expected: 0, Unclosed: 1, LateOnly: 2, Tolerated: 3, Lost: 4, Indeterminate: 5 } as const
export type Category = (typeof Category)[keyof typeof Category]

/**
 * The windows a reference engine computed, as the judge and ExpectedWindows' maps read them: every
 * window by number, found by (key, start, end), its category and value without building the window
 * object. A window identity in several categories is found in the first of: expected, tolerated,
 * indeterminate, lost, unclosed, late-only.
 */
export interface WindowIndex {
  readonly count: number
  /** the window's number, or -1; with `category`, the window of that category */
  find(key: string, start: number, end: number, category?: Category): number
  category(i: number): Category
  value(i: number): unknown
  boundary(i: number): boolean
  /** the window as an object, made on first read and the same object after */
  window(i: number): ExpectedWindow
  /** `windowId` of window i */
  id(i: number): string
  /** the windows of a category, in the order its map lists them */
  inCategory(c: Category): Iterable<number>
  /** how many windows a category has */
  size(c: Category): number
  /** every window of the key but indeterminate ones, by category (expected, unclosed, late-only, tolerated, lost), then map order */
  windowsOfKey(key: string): ExpectedWindow[]
}
