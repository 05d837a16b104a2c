// Kafka plumbing shared by stream, replay and collect: value codecs, topic formats, run naming.
export { decodeValue, encodeKey, registryFor, valueEncoder, type Encode } from './codec.ts'
export { createRunTopics, deleteRunTopics, newRunId, replicasLedBy, runGroupId, runTopicName } from './run-namespace.ts'
export { KEY_FORMATS, REGISTRY_FORMATS, VALUE_FORMATS, type KeyFormat, type TopicFormat, type ValueFormat } from './topic-format.ts'
