import { InputError } from '../errors.ts'
import { checkInt, checkRate } from './_internals/options.ts'
import type { Perturbation } from './step.ts'

export interface EvolveSchemaOptions {
  /** the new value schema: a file path (absolute once a scenario is loaded) */
  schema: string
  /** from this fraction of the events on: the first floor(after * count) events keep their schema */
  after?: number
  /** from the event at this index on (0 = every event) */
  at?: number
}

/**
 * Schema evolution inside a stream: every event from the point on (in the stream's current order) is
 * encoded with `schema` instead of the topic's own, registered as a new version of the topic's subject
 * when the first such event is sent. Events keep their values; copies made later by `duplicate` or
 * `replay` keep the schema of their original, those made earlier count as events of their own place.
 */
export function evolveSchema(options: EvolveSchemaOptions): Perturbation {
  if (typeof options.schema !== 'string' || options.schema === '') {
    throw new InputError('evolve-schema needs a schema', { path: 'evolve-schema.schema', expected: 'the path of the new schema file', found: String(options.schema) })
  }
  if ((options.after === undefined) === (options.at === undefined)) {
    throw new InputError('evolve-schema needs one point', { path: 'evolve-schema.at', expected: "exactly one of at: <index> or after: <fraction>", found: JSON.stringify(options) })
  }
  if (options.after !== undefined) checkRate(options.after, 'evolve-schema.after')
  if (options.at !== undefined) checkInt(options.at, 'evolve-schema.at', 0)
  const { schema } = options
  return (steps) => {
    const count = steps.reduce((n, s) => n + (s.kind === 'event' ? 1 : 0), 0)
    const from = options.at ?? Math.floor((options.after as number) * count)
    let index = 0
    return steps.map((s) => (s.kind === 'event' && index++ >= from ? { ...s, event: { ...s.event, schema } } : s))
  }
}
