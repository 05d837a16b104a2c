export { startCollector, withTimeout, type Collector, type CollectTarget } from './collector.ts'
export { groupLag, waitQuiescent, type Lag, type QuiescenceOptions } from './quiescence.ts'
export type { CollectedRecord, CollectedTopic } from './record.ts'
