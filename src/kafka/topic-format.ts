/** How a topic's keys and values are serialized. The scenario schema produces these. */
export const VALUE_FORMATS = ['json', 'string', 'bytes', 'avro', 'json-schema', 'protobuf'] as const
export const KEY_FORMATS = ['string', 'json', 'bytes'] as const
export type ValueFormat = (typeof VALUE_FORMATS)[number]
export type KeyFormat = (typeof KEY_FORMATS)[number]

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

/** Formats whose values go through the schema registry and so need a schema. */
export const REGISTRY_FORMATS: readonly ValueFormat[] = ['avro', 'json-schema', 'protobuf']
