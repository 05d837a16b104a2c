/** What an oracle found, as data; reporters render it. */
export interface Violation {
  oracle: string
  kind: string
  /** the event ids involved */
  ids: string[]
  /** fixture lines the ids came from, `file:line` */
  where: string[]
  expected?: unknown
  actual?: unknown
  message: string
}

/** Listed in the report but not a failure (e.g. a window whose result depends on timing). */
export interface Note {
  oracle: string
  kind: string
  message: string
  detail?: unknown
}

export interface OracleResult {
  violations: Violation[]
  notes: Note[]
  /** plan positions (seq) of the input records the oracle judged late: a correct engine drops them (windows) */
  judgedLate?: number[]
}
