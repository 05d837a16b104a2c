/**
 * One event of a stream, as read from a fixture or generated. Keys and values are decoded:
 * `value` is any JSON value for json/avro/json-schema/protobuf topics, a string for string topics and
 * a base64 string for bytes topics. `ts` is event time in ms (becomes the record's CreateTime).
 */
export interface StreamEvent {
  key: string | null
  value: unknown
  headers: Record<string, string>
  ts: number
  /** pinned partition; when absent the plan computes it with Kafka's default murmur2 partitioner */
  partition?: number
  /** explicit event id from the fixture; otherwise the scenario's id path or a harness-assigned id */
  id?: string
  /**
   * the value schema this event is encoded with, a file path (absolute once read); absent: the topic's
   * schema. Set by `evolve-schema`, or by a fixture recorded from a topic whose schema changed.
   */
  schema?: string
  /** where it came from, so that violations can name the fixture line */
  source?: { file: string; line: number }
}
