export { eventStreamArb, type EventStreamArbOptions, type ValueSource } from './event-stream.ts'
export { schemaValueArb, type ValueSchema } from './schema-value.ts'
export { avroToValueSchema } from './avro-schema.ts'
export { streamOptionsFor, generateSetting, hasGeneratedInput } from './from-scenario.ts'
