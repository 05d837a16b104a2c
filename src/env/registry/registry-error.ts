/**
 * A failed registry request, as data: the HTTP status and Confluent's `error_code`. The codes are the ones
 * of Confluent Schema Registry (`core/.../rest/exceptions/Errors.java`), so clients that branch on them work.
 * Every deterministic failure is a 4xx: the client retries 5xx answers to GETs.
 */
export class RegistryError extends Error {
  readonly status: number
  readonly errorCode: number

  constructor(status: number, errorCode: number, message: string) {
    super(message)
    this.status = status
    this.errorCode = errorCode
    this.name = 'RegistryError'
  }

  toBody(): { error_code: number; message: string } {
    return { error_code: this.errorCode, message: this.message }
  }
}

export const subjectNotFound = (subject: string): RegistryError =>
  new RegistryError(404, 40401, `Subject '${subject}' not found.`)

export const versionNotFound = (subject: string, version: number | string): RegistryError =>
  new RegistryError(404, 40402, `Version ${version} not found for subject '${subject}'.`)

export const schemaNotFound = (what = 'Schema not found'): RegistryError => new RegistryError(404, 40403, what)

export const subjectSoftDeleted = (subject: string): RegistryError =>
  new RegistryError(404, 40404, `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`)

export const subjectNotSoftDeleted = (subject: string): RegistryError =>
  new RegistryError(404, 40405, `Subject '${subject}' was not deleted first before being permanently deleted`)

export const versionSoftDeleted = (subject: string, version: number): RegistryError =>
  new RegistryError(
    404,
    40406,
    `Subject '${subject}' Version ${version} was soft deleted. Set permanent=true to delete permanently`,
  )

export const versionNotSoftDeleted = (subject: string, version: number): RegistryError =>
  new RegistryError(
    404,
    40407,
    `Subject '${subject}' Version ${version} was not deleted first before being permanently deleted`,
  )

export const subjectLevelConfigNotFound = (subject: string): RegistryError =>
  new RegistryError(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`)

/** Confluent answers 409 with `error_code` 409 (newest servers: 40901); the client only reads the status. */
export const incompatibleSchema = (subject: string, details: readonly string[]): RegistryError =>
  new RegistryError(
    409,
    409,
    `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${details.join(', ')}]`,
  )

export const invalidSchema = (detail: string): RegistryError =>
  new RegistryError(422, 42201, `Invalid schema: ${detail}`)

export const invalidVersion = (version: string): RegistryError =>
  new RegistryError(
    422,
    42202,
    `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
  )

export const invalidCompatibilityLevel = (level: unknown): RegistryError =>
  new RegistryError(
    422,
    42203,
    `Invalid compatibility level: ${JSON.stringify(level)}. Valid values are NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE`,
  )

export const referenceExists = (subject: string, version: number): RegistryError =>
  new RegistryError(
    422,
    42206,
    `One or more references exist to the schema {subject=${subject}, version=${version}}. Delete the referencing schemas first`,
  )

export const badRequest = (message: string): RegistryError => new RegistryError(400, 400, message)
