/**
 * A broker answer worth asking again: KafkaJS marks protocol errors such as a coordinator still loading
 * its partitions after a node came back, or a leader being elected, as `retriable`. Polling loops treat
 * them as "not yet" rather than ending a run.
 */
export function isRetriable(err: unknown): boolean {
  return (err as { retriable?: unknown } | undefined)?.retriable === true
}
