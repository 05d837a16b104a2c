/**
 * Kafka Streams TimeWindows.windowsFor: starts at every multiple of `advance` from
 * floor(max(0, ts - size + advance) / advance) * advance up to ts; no window starts below 0.
 */
export function ksTimeWindowStarts(ts: number, size: number, advance: number): number[] {
  const starts: number[] = []
  for (let s = Math.floor(Math.max(0, ts - size + advance) / advance) * advance; s <= ts; s += advance) starts.push(s)
  return starts
}

/** Flink TimeWindow.getWindowStartWithOffset (offset 0): the grid start at or below ts, negatives too. */
export function flinkWindowStart(ts: number, size: number): number {
  const rem = ts % size
  return rem < 0 ? ts - (rem + size) : ts - rem
}

/**
 * Flink Tumbling/SlidingEventTimeWindows: every slide-grid start with start > ts - size, from the
 * latest (floor of ts) down. With slide > size a record can fall in no window at all.
 */
export function flinkTimeWindowStarts(ts: number, size: number, slide: number): number[] {
  const starts: number[] = []
  for (let s = flinkWindowStart(ts, slide); s > ts - size; s -= slide) starts.push(s)
  return starts.reverse()
}
