import { z } from 'zod'
import { judgeExactlyOnce } from '../../oracle/index.ts'
import type { ProduceOp } from '../../replay/plan.ts'
import type { StreamEvent } from '../../stream/event.ts'
import { idPath } from '../input-schema.ts'
import { defineOracle, outputOf } from './oracle-module.ts'

/** Expected outputs per input event: a count (0 for filtered events) or (TS) a function of the event. */
const expectedEffects = z.custom<number | ((e: StreamEvent) => number)>(
  (v) => typeof v === 'function' || (typeof v === 'number' && Number.isInteger(v) && v >= 0),
  { error: 'the number of outputs per input (an integer >= 0), or a function of the event in a TS scenario' },
)

/** `exactly-once`: one output per distinct input id (or as many as `expect` says): lost, duplicated, unexpected, aborted-read, reordered. */
export const exactlyOnce = defineOracle({
  kind: 'exactly-once',
  schema: z.looseObject({
    output: z.string().min(1),
    /** output id path; default: the output's `id` */
    id: idPath.optional(),
    /** also check that per-key output order follows per-key input order */
    reordered: z.boolean().default(false),
    expect: expectedEffects.optional(),
    /** at-least-once: duplicates are allowed (noted), loss is still a violation */
    guarantee: z.enum(['exactly-once', 'at-least-once']).default('exactly-once'),
  }),
  async judge(spec, ctx) {
    const output = ctx.scenario.output.find((o) => o.topic === spec.output)
    const effects = spec.expect
    const byId = new Map<string, ProduceOp>()
    for (const op of ctx.plan.ops) if (op.kind === 'produce' && !byId.has(op.id)) byId.set(op.id, op)
    return judgeExactlyOnce({
      inputs: ctx.plan.ops,
      output: outputOf(ctx.run, spec.output),
      id: spec.id ?? output?.id ?? 'headers.st-id',
      reordered: spec.reordered,
      guarantee: spec.guarantee,
      ...(effects === undefined
        ? {}
        : {
            expectedCount: (id: string) => {
              if (typeof effects === 'number') return effects
              const op = byId.get(id)
              return op ? effects({ key: op.key, value: op.value, headers: op.headers, ts: op.ts }) : 1
            },
          }),
    })
  },
})
