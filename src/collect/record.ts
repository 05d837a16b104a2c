/** A record the collector read from an output topic, decoded. */
export interface CollectedRecord {
  /** logical topic name from the scenario */
  topic: string
  partition: number
  offset: string
  key: string | null
  value: unknown
  headers: Record<string, string>
  ts: number
}

/** Everything read from one output topic, at both isolation levels. */
export interface CollectedTopic {
  topic: string
  /** read_committed: what a correct downstream consumer sees */
  committed: CollectedRecord[]
  /** read_uncommitted: includes records of aborted or still open transactions */
  uncommitted: CollectedRecord[]
}
