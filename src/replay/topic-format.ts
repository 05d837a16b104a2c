/** How a topic's keys and values are serialized. The scenario schema produces these. */
export type KeyFormat = 'string' | 'json' | 'bytes'
export type ValueFormat = 'json' | 'string' | 'bytes' | 'avro' | 'json-schema' | 'protobuf'

export interface TopicFormat {
  partitions: number
  key: KeyFormat
  value: ValueFormat
  /** schema text (Avro JSON, JSON Schema JSON, .proto source) for registry formats */
  schema?: string
  /** protobuf: the message type to encode */
  message?: string
  /** registry formats: the subject's compatibility level (default BACKWARD) */
  compatibility?: string
}

export const REGISTRY_FORMATS: readonly ValueFormat[] = ['avro', 'json-schema', 'protobuf']
