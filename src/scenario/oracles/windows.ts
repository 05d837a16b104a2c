import { z } from 'zod'
import { checkWindowSpec, expectedWindows, judgeWindows, type FlinkOptions, type OracleResult, type WindowDef, type WindowSpec } from '../../oracle/index.ts'
import type { ProduceOp } from '../../replay/plan.ts'
import { duration } from '../duration.ts'
import { idPath } from '../input-schema.ts'
import { exactlyOne, strictObject } from '../shape.ts'
import { defineOracle, outputOf, type ScenarioParts } from './oracle-module.ts'

const windowShape = strictObject({
  tumbling: duration.optional(),
  hopping: strictObject({ size: duration, advance: duration }).optional(),
  session: strictObject({ gap: duration }).optional(),
  sliding: strictObject({ difference: duration }).optional(),
  /** how long after the window end late records are still counted */
  grace: duration.default(0),
}).superRefine(exactlyOne(['tumbling', 'hopping', 'session', 'sliding']))

/** The window as a scenario states it, grace included (tumbling: advance = size); the oracle's is WindowSpec. */
export type ScenarioWindow =
  | { type: 'tumbling' | 'hopping'; size: number; advance: number; grace: number }
  | { type: 'session'; gap: number; grace: number }
  | { type: 'sliding'; difference: number; grace: number }

const windowSchema = windowShape.transform((w): ScenarioWindow => {
  if (w.tumbling !== undefined) return { type: 'tumbling', size: w.tumbling, advance: w.tumbling, grace: w.grace }
  if (w.hopping !== undefined) return { type: 'hopping', ...w.hopping, grace: w.grace }
  if (w.session !== undefined) return { type: 'session', gap: w.session.gap, grace: w.grace }
  return { type: 'sliding', difference: (w.sliding as { difference: number }).difference, grace: w.grace }
})

const schema = z
  .looseObject({
    output: z.string().min(1),
    /** the input topic whose events make the windows; default every input (one stream of windows) */
    input: z.string().min(1).optional(),
    profile: z.enum(['kafka-streams', 'flink']),
    window: windowSchema,
    aggregate: z.enum(['count', 'sum', 'min', 'max']),
    /** the input field that sum/min/max aggregate */
    value: idPath.optional(),
    emit: z.enum(['updates', 'final', 'on-window-close']),
    /** flink: bounded out-of-orderness of the watermark */
    delay: duration.default(0),
    /** flink: Flink's allowedLateness, how long after a window fired late records still update it */
    allowedLateness: duration.optional(),
    /** flink: how the job emits watermarks (FlinkOptions.watermarks; default periodic) */
    flink: strictObject({ watermarks: z.enum(['periodic', 'punctuated', 'none']).optional() }).optional(),
    /** where the window key, start, end and result are in an output record */
    map: strictObject({ key: idPath, start: idPath, end: idPath, value: idPath }),
  })
  .superRefine((w, ctx) => {
    if (w.aggregate !== 'count' && w.value === undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `the input field to ${w.aggregate}, e.g. value: value.amount` })
    if (w.profile !== 'flink')
      for (const key of ['allowedLateness', 'flink'] as const)
        if (w[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} only with profile: flink (Kafka Streams has window.grace)` })
  })

export type WindowsOptions = z.output<typeof schema>

/** `windows`: a reference engine computes, from the plan, the windows a correct app emits under a real engine's profile. */
export const windows = defineOracle({
  kind: 'windows',
  schema,
  check(o, scenario, issue) {
    const inputs = new Set(scenario.input.map((inp) => inp.topic))
    if (o.input !== undefined && !inputs.has(o.input)) issue(['input'], `an input topic listed under input: ${inputs.size === 0 ? 'none declared' : `one of ${[...inputs].join(', ')}`}`)
  },
  async judge(spec, ctx) {
    const windowSpec = toOracleWindowSpec(spec, ctx.scenario)
    checkWindowSpec(windowSpec)
    const inputs = new Set(spec.input !== undefined ? [spec.input] : ctx.scenario.input.map((i) => i.topic))
    const ops = ctx.plan.ops.filter((op): op is ProduceOp => op.kind === 'produce' && inputs.has(op.topic))
    const r = judgeWindows(expectedWindows(ops, windowSpec), outputOf(ctx.run, spec.output).committed, spec.map)
    return spec.input === undefined ? r : streamNamed(r, `input ${spec.input}`)
  },
})

/** Several windows oracles judge several streams in one run: each message says which stream it is about. */
function streamNamed(r: OracleResult, stream: string): OracleResult {
  return {
    ...r,
    violations: r.violations.map((v) => ({ ...v, message: `${stream}: ${v.message}` })),
    notes: r.notes.map((n) => ({ ...n, message: `${stream}: ${n.message}` })),
  }
}

/** The scenario's `windows:` oracle as the reference engine's spec. */
export function toOracleWindowSpec(o: WindowsOptions, scenario: Pick<ScenarioParts, 'topics' | 'input'>): WindowSpec {
  const w = o.window
  let window: WindowDef
  if (w.type === 'session') window = { type: 'session', gap: w.gap }
  else if (w.type === 'sliding') window = { type: 'sliding', difference: w.difference }
  else if (w.type === 'tumbling') window = { type: 'tumbling', size: w.size }
  else window = { type: 'hopping', size: w.size, advance: w.advance }
  const extra = o as Record<string, unknown>
  const emit = extra.emit === 'on-window-close' ? 'on-window-close' : o.emit
  return {
    profile: o.profile,
    window,
    grace: w.grace,
    aggregate: o.aggregate,
    ...(o.value !== undefined ? { valuePath: o.value } : {}),
    emit,
    ...(o.profile === 'flink' ? { flink: flinkOptions(o, scenario) } : {}),
  }
}

function flinkOptions(o: WindowsOptions, scenario: Pick<ScenarioParts, 'topics' | 'input'>): FlinkOptions {
  // the watermark is the minimum over the partitions of the topic the oracle's windows come from
  const inputTopic = o.input ?? scenario.input[0]?.topic
  const partitions = inputTopic ? scenario.topics[inputTopic]?.partitions : undefined
  return {
    maxOutOfOrdernessMs: o.delay,
    ...(o.allowedLateness !== undefined ? { allowedLatenessMs: o.allowedLateness } : {}),
    ...(o.flink?.watermarks !== undefined ? { watermarks: o.flink.watermarks } : {}),
    ...(partitions !== undefined ? { partitions } : {}),
  }
}
