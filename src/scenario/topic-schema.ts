import { z } from 'zod'
import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../env/registry/compatibility.ts'
import { KEY_FORMATS, REGISTRY_FORMATS, VALUE_FORMATS } from '../kafka/index.ts'
import { strictObject } from './shape.ts'


function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** A schema file reference, `{ file: path }`, as opposed to an inline schema object. */
function isFileRef(v: unknown): v is { file: unknown } {
  return isPlainObject(v) && 'file' in v && Object.keys(v).length === 1
}

/** After loading: `{ file }` is an absolute path; `{ inline }` is the schema text or object as written. */
export type SchemaSource = { file: string } | { inline: string | Record<string, unknown> }

const schemaSource = z
  .custom<string | Record<string, unknown> | { file: string }>(
    (v) => (isFileRef(v) ? typeof v.file === 'string' && v.file !== '' : typeof v === 'string' || isPlainObject(v)),
    { error: 'a schema: inline text, an inline object, or { file: <path> }' },
  )
  .transform((v): SchemaSource => (isFileRef(v) ? { file: v.file as string } : { inline: v }))

export const TOPIC_NAME = /^[A-Za-z0-9._-]+$/

export const topicSchema = strictObject({
  partitions: z.number().int().min(1).default(1),
  key: z.enum(KEY_FORMATS).default('string'),
  value: z.enum(VALUE_FORMATS).default('json'),
  /** required for avro, json-schema and protobuf values */
  schema: schemaSource.optional(),
  /** protobuf: the message type of the value, e.g. `shop.Order` */
  message: z.string().min(1).optional(),
  /** the level of the topic's subject, which checks the schemas of `evolve-schema` steps (default BACKWARD) */
  compatibility: z.enum(COMPATIBILITY_LEVELS as unknown as [CompatibilityLevel, ...CompatibilityLevel[]]).optional(),
  /**
   * the broker that leads each partition, in order (a cluster, `environment: { nodes }`): placement the
   * scenario controls instead of Kafka's random start, so that a broker step meets the same leaders on
   * every run. The followers are the next brokers by number.
   */
  leaders: z.array(z.number().int().min(1)).min(1).optional(),
}).superRefine((t, ctx) => {
  if (t.leaders !== undefined && t.leaders.length !== t.partitions)
    ctx.addIssue({ code: 'custom', path: ['leaders'], message: `one broker per partition (${t.partitions})`, params: { found: `${t.leaders.length} brokers` } })
  const needsSchema = REGISTRY_FORMATS.includes(t.value)
  if (needsSchema && t.schema === undefined)
    ctx.addIssue({ code: 'custom', path: ['schema'], message: `a schema (value: ${t.value} needs one)` })
  if (!needsSchema && t.schema !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['schema'],
      message: `no schema for value: ${t.value} (only avro, json-schema and protobuf values take one)`,
      params: { found: 'a schema' },
    })
  if (!needsSchema && t.compatibility !== undefined)
    ctx.addIssue({ code: 'custom', path: ['compatibility'], message: `no compatibility for value: ${t.value} (it is the level of a registry subject)`, params: { found: t.compatibility } })
  if (t.value === 'protobuf' && t.message === undefined)
    ctx.addIssue({ code: 'custom', path: ['message'], message: 'the protobuf message type of the value, e.g. message: shop.Order' })
})

export type TopicSpec = z.output<typeof topicSchema>

export const topicsSchema = z
  .record(z.string().regex(TOPIC_NAME, "a topic name of letters, digits, '.', '_' and '-'"), topicSchema)
  .refine((r) => Object.keys(r).length > 0, { error: 'at least one topic' })
