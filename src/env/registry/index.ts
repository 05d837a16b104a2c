export { startEmbeddedRegistry, type EmbeddedRegistry, type EmbeddedRegistryOptions } from './http-server.ts'
export { COMPATIBILITY_LEVELS, type CompatibilityLevel } from './compatibility.ts'
export { SCHEMA_TYPES, type SchemaType } from './schema-types.ts'
