/**
 * Kafka Streams TimeWindows.windowsFor: a record at ts is in the windows starting at every multiple of
 * `advance` from floor(max(0, ts - size + advance) / advance) * advance (this) up to ts; none below 0.
 */
export function ksFirstWindowStart(ts: number, size: number, advance: number): number {
  return Math.floor(Math.max(0, ts - size + advance) / advance) * advance
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
