import type { Environment } from '../src/env/index.ts'

/** A target a median is held to: `<= 5` (seconds), `>= 0.5` (ratio), `< 300` (MB). */
export interface Target {
  op: '<=' | '<' | '>='
  value: number
}

/** One row of the table. */
export interface Metric {
  /** key in each repetition's values */
  key: string
  /** row name in the table */
  name: string
  unit: string
  target?: Target
  /** decimals shown (default 2) */
  digits?: number
}

export interface BenchContext {
  /** the shared local environment (broker + registry), booted on first use and stopped at the end */
  env(): Promise<Environment>
  /** a temp dir for this `npm run bench`, removed at the end */
  tmp: string
  /** a progress line on stderr */
  progress(line: string): void
}

/** What one repetition measured: metric key -> value. */
export type Sample = Record<string, number>

export interface BenchSession {
  /** one repetition (0-based `i`) */
  repeat(i: number): Promise<Sample>
  /** lines printed under the table after all repetitions (what dominated, side numbers) */
  summary?(): string[]
  close?(): Promise<void>
}

/**
 * A benchmark: set up once with `start`, then repeated (>= 3 times); the table shows each metric's
 * median. Adding one is a file in bench/ and a line in bench/benchmarks.ts.
 */
export interface Benchmark {
  id: string
  title: string
  metrics: readonly Metric[]
  /** default 3 */
  repetitions?: number
  start(ctx: BenchContext): Promise<BenchSession>
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export function meets(value: number, target: Target): boolean {
  if (!Number.isFinite(value)) return false
  if (target.op === '<=') return value <= target.value
  if (target.op === '<') return value < target.value
  return value >= target.value
}

/** Bounds a wait on a condition; the message says what was awaited. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}
