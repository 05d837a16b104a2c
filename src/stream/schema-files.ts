import { writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import type { StreamEvent } from './event.ts'

/** A registry schema as `GET /schemas/ids/{id}` answers it (`schemaType` absent for AVRO). */
export interface FetchedSchema {
  schemaType?: string
  schema: string
}

const EXTENSIONS: Record<string, string> = { AVRO: 'avsc', JSON: 'schema.json', PROTOBUF: 'proto' }

/**
 * For a recorded stream whose values were written with more than one schema (its topic changed schema
 * while it was recorded): write each schema next to the fixture as `<fixture>.schema-<id>.<avsc|schema.json|proto>`
 * and name it in `schema` on every event written with it, so that a replay registers the same sequence
 * of versions. A stream with one schema (or none) is left as it is: its scenario names the topic's schema.
 * Returns the files written. Mutates the events.
 */
export async function writeSchemaFiles(
  fixture: string,
  events: readonly StreamEvent[],
  schemaIds: ReadonlyMap<StreamEvent, number>,
  fetchSchema: (id: number) => Promise<FetchedSchema>,
): Promise<string[]> {
  const ids = [...new Set(events.flatMap((e) => (schemaIds.has(e) ? [schemaIds.get(e) as number] : [])))]
  if (ids.length < 2) return []
  const stem = basename(fixture, extname(fixture))
  const names = new Map<number, string>()
  for (const id of ids) {
    const { schemaType = 'AVRO', schema } = await fetchSchema(id)
    const name = `${stem}.schema-${id}.${EXTENSIONS[schemaType] ?? 'txt'}`
    await writeFile(join(dirname(fixture), name), schema)
    names.set(id, name)
  }
  for (const e of events) {
    const id = schemaIds.get(e)
    if (id !== undefined) e.schema = names.get(id) as string
  }
  return [...names.values()].map((n) => join(dirname(fixture), n))
}
