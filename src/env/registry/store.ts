import {
  compatibilityProblems,
  DEFAULT_COMPATIBILITY,
  type CompatibilityLevel,
  type PreviousVersion,
} from './compatibility.ts'
import {
  incompatibleSchema,
  invalidSchema,
  referenceExists,
  schemaNotFound,
  subjectNotFound,
  subjectNotSoftDeleted,
  subjectSoftDeleted,
  versionNotFound,
  versionNotSoftDeleted,
  versionSoftDeleted,
} from './registry-error.ts'
import { parseSchema, type ParsedSchema, type ReferencedSchema, type SchemaType } from './schema-types.ts'

export interface SchemaReference {
  name: string
  subject: string
  /** -1 means the latest version at registration time */
  version: number
}

/** A schema as a client submits it for registration, lookup or a compatibility check. */
export interface SchemaInput {
  schemaType: SchemaType
  schema: string
  references: SchemaReference[]
}

/** A schema under its global id. */
export interface SchemaRecord extends SchemaInput {
  id: number
}

/** One version of one subject. */
export interface SubjectVersion extends SchemaRecord {
  subject: string
  version: number
}

/** `latest` is the highest version that is not deleted (or, when deleted ones are included, the highest). */
export type VersionSelector = number | 'latest'

interface VersionEntry {
  version: number
  id: number
  deleted: boolean
}

/**
 * The registry's in-memory state and rules: global ids shared by equal schemas, versions per subject,
 * soft and permanent deletion, compatibility levels. Every failure is a RegistryError. Methods are
 * synchronous, so one request's check-then-write cannot interleave with another's.
 */
export class RegistryStore {
  #schemas = new Map<number, SchemaRecord & { key: string }>()
  #idsByKey = new Map<string, number>()
  #parsed = new Map<number, ParsedSchema>()
  #subjects = new Map<string, VersionEntry[]>()
  #subjectLevels = new Map<string, CompatibilityLevel>()
  #globalLevel: CompatibilityLevel = DEFAULT_COMPATIBILITY
  #nextId = 1

  subjects(includeDeleted = false): string[] {
    return [...this.#subjects].filter(([, entries]) => includeDeleted || entries.some((e) => !e.deleted)).map(([s]) => s).sort()
  }

  versions(subject: string, includeDeleted = false): number[] {
    return this.#entries(subject, includeDeleted).map((e) => e.version)
  }

  getVersion(subject: string, selector: VersionSelector, includeDeleted = false): SubjectVersion {
    const entry = this.#entry(subject, selector, includeDeleted)
    return this.#subjectVersion(subject, entry)
  }

  schemaById(id: number): SchemaRecord {
    const record = this.#schemas.get(id)
    if (!record) throw schemaNotFound(`Schema ${id} not found`)
    const { key: _key, ...rest } = record
    return rest
  }

  /** Every live subject version that carries schema `id`. */
  versionsOfId(id: number, includeDeleted = false): Array<{ subject: string; version: number }> {
    this.schemaById(id)
    const found: Array<{ subject: string; version: number }> = []
    for (const [subject, entries] of this.#subjects) {
      for (const e of entries) if (e.id === id && (includeDeleted || !e.deleted)) found.push({ subject, version: e.version })
    }
    return found.sort((a, b) => a.subject.localeCompare(b.subject) || a.version - b.version)
  }

  /**
   * Register `input` under `subject`: the existing id when the subject already holds an equal schema,
   * else a new version (the id of an equal schema in another subject, or a new id) once it passes the
   * subject's compatibility level.
   */
  register(subject: string, input: SchemaInput): { id: number; version: number } {
    const parsed = this.#parse(input)
    const key = schemaKey(input, parsed)
    const entries = this.#subjects.get(subject) ?? []
    const live = entries.filter((e) => !e.deleted)
    const same = live.find((e) => this.#schemas.get(e.id)?.key === key)
    if (same) return { id: same.id, version: same.version }
    const problems = compatibilityProblems(this.level(subject), parsed, this.#previous(live))
    if (problems.length > 0) throw incompatibleSchema(subject, problems)
    let id = this.#idsByKey.get(key)
    if (id === undefined) {
      id = this.#nextId++
      this.#schemas.set(id, { id, ...input, key })
      this.#idsByKey.set(key, id)
      this.#parsed.set(id, parsed)
    }
    const version = Math.max(0, ...entries.map((e) => e.version)) + 1
    this.#subjects.set(subject, [...entries, { version, id, deleted: false }])
    return { id, version }
  }

  /** The newest version of `subject` whose schema equals `input`. */
  lookup(subject: string, input: SchemaInput, includeDeleted = false): SubjectVersion {
    const entries = this.#entries(subject, includeDeleted)
    const key = schemaKey(input, this.#parse(input))
    const match = entries.findLast((e) => this.#schemas.get(e.id)?.key === key)
    if (!match) throw schemaNotFound(`Schema not found under subject '${subject}'`)
    return this.#subjectVersion(subject, match)
  }

  /**
   * Why `input` may not be registered next under `subject`: checked against `selector`'s version alone,
   * or, when it is undefined, against the versions the subject's level asks for. Empty when it may;
   * a subject with no versions accepts anything.
   */
  compatibility(subject: string, input: SchemaInput, selector?: VersionSelector): string[] {
    const parsed = this.#parse(input)
    const live = (this.#subjects.get(subject) ?? []).filter((e) => !e.deleted)
    if (selector === undefined || (selector === 'latest' && live.length === 0)) {
      return compatibilityProblems(this.level(subject), parsed, this.#previous(live))
    }
    const entry = this.#entry(subject, selector, false)
    return compatibilityProblems(this.level(subject), parsed, this.#previous([entry]))
  }

  /** Soft delete every live version (or, with `permanent`, forget a soft-deleted subject); the versions it removed. */
  deleteSubject(subject: string, permanent = false): number[] {
    const entries = this.#subjects.get(subject)
    if (!entries || entries.length === 0) throw subjectNotFound(subject)
    const live = entries.filter((e) => !e.deleted)
    if (permanent) {
      if (live.length > 0) throw subjectNotSoftDeleted(subject)
      for (const e of entries) this.#assertUnreferenced(subject, e.version)
      this.#subjects.delete(subject)
      this.#subjectLevels.delete(subject)
      return entries.map((e) => e.version)
    }
    if (live.length === 0) throw subjectSoftDeleted(subject)
    for (const e of live) this.#assertUnreferenced(subject, e.version)
    this.#subjects.set(subject, entries.map((e) => ({ ...e, deleted: true })))
    return live.map((e) => e.version)
  }

  /** Soft delete one version (or, with `permanent`, forget a soft-deleted one); the version number. */
  deleteVersion(subject: string, selector: VersionSelector, permanent = false): number {
    const entries = this.#subjects.get(subject) ?? []
    const entry = this.#entry(subject, selector, selector !== 'latest' || permanent)
    if (permanent && !entry.deleted) throw versionNotSoftDeleted(subject, entry.version)
    if (!permanent && entry.deleted) throw versionSoftDeleted(subject, entry.version)
    this.#assertUnreferenced(subject, entry.version)
    const rest = permanent
      ? entries.filter((e) => e !== entry)
      : entries.map((e) => (e === entry ? { ...e, deleted: true } : e))
    if (rest.length === 0) this.#subjects.delete(subject)
    else this.#subjects.set(subject, rest)
    return entry.version
  }

  get globalLevel(): CompatibilityLevel {
    return this.#globalLevel
  }

  setGlobalLevel(level: CompatibilityLevel): void {
    this.#globalLevel = level
  }

  /** The level set for `subject` itself, if any. */
  subjectLevel(subject: string): CompatibilityLevel | undefined {
    return this.#subjectLevels.get(subject)
  }

  setSubjectLevel(subject: string, level: CompatibilityLevel): void {
    this.#subjectLevels.set(subject, level)
  }

  /** Remove a subject's own level; the one it had, if any. */
  deleteSubjectLevel(subject: string): CompatibilityLevel | undefined {
    const level = this.#subjectLevels.get(subject)
    this.#subjectLevels.delete(subject)
    return level
  }

  /** The level that applies to `subject`: its own, else the global one. */
  level(subject: string): CompatibilityLevel {
    return this.#subjectLevels.get(subject) ?? this.#globalLevel
  }

  #entries(subject: string, includeDeleted: boolean): VersionEntry[] {
    const entries = (this.#subjects.get(subject) ?? []).filter((e) => includeDeleted || !e.deleted)
    if (entries.length === 0) throw subjectNotFound(subject)
    return entries
  }

  #entry(subject: string, selector: VersionSelector, includeDeleted: boolean): VersionEntry {
    const entries = this.#entries(subject, includeDeleted)
    const entry = selector === 'latest' ? entries.at(-1) : entries.find((e) => e.version === selector)
    if (!entry) throw versionNotFound(subject, selector)
    return entry
  }

  #subjectVersion(subject: string, entry: VersionEntry): SubjectVersion {
    return { subject, version: entry.version, ...this.schemaById(entry.id) }
  }

  #previous(entries: readonly VersionEntry[]): PreviousVersion[] {
    return entries.map((e) => ({ version: e.version, parsed: this.#parsedById(e.id) }))
  }

  #parsedById(id: number): ParsedSchema {
    let parsed = this.#parsed.get(id)
    if (!parsed) {
      parsed = this.#parse(this.schemaById(id))
      this.#parsed.set(id, parsed)
    }
    return parsed
  }

  #parse(input: SchemaInput): ParsedSchema {
    return parseSchema(input.schemaType, input.schema, this.#resolve(input.references, new Set()))
  }

  /** The schemas `references` name, each after the schemas it references itself; each at most once. */
  #resolve(references: readonly SchemaReference[], seen: Set<string>): ReferencedSchema[] {
    const resolved: ReferencedSchema[] = []
    for (const ref of references) {
      let target: SubjectVersion
      try {
        target = this.getVersion(ref.subject, ref.version === -1 ? 'latest' : ref.version, true)
      } catch {
        throw invalidSchema(`reference '${ref.name}' names subject '${ref.subject}' version ${ref.version}, which does not exist`)
      }
      const at = `${target.subject}\n${target.version}`
      if (seen.has(at)) continue
      seen.add(at)
      resolved.push(...this.#resolve(target.references, seen), { schemaType: target.schemaType, schema: target.schema })
    }
    return resolved
  }

  #assertUnreferenced(subject: string, version: number): void {
    for (const entries of this.#subjects.values()) {
      for (const e of entries) {
        if (e.deleted) continue
        const refs = this.#schemas.get(e.id)?.references ?? []
        if (refs.some((r) => r.subject === subject && r.version === version)) throw referenceExists(subject, version)
      }
    }
  }
}

/** Schemas share an id iff type, references and canonical form are equal. */
function schemaKey(input: SchemaInput, parsed: ParsedSchema): string {
  const refs = input.references.map((r) => [r.name, r.subject, r.version])
  return `${input.schemaType}\n${JSON.stringify(refs)}\n${parsed.canonical}`
}
