import { InputError } from '../../errors.ts'
import type { AggregateName, FlinkOptions, Reducer, WindowDef, WindowMapping, WindowSpec } from '../../oracle/windows/index.ts'
import { parseDuration } from '../../text/index.ts'

type Duration = string | number

/** A window as a scenario writes it (`{ tumbling: '10s', grace: '5s' }`) or the engine's own `{ type, ... }`. */
export type WindowInput =
  | ({ grace?: Duration } & (
      | { tumbling: Duration }
      | { hopping: { size: Duration; advance: Duration } }
      | { session: { gap: Duration } }
      | { sliding: { difference: Duration } }
    ))
  | (WindowDef & { grace?: Duration })

export interface WindowsOptions {
  profile: 'kafka-streams' | 'flink'
  window: WindowInput
  aggregate: AggregateName
  /** the input field that sum/min/max aggregate, e.g. `value.amount` */
  value?: string
  reducer?: Reducer<any>
  emit: WindowSpec['emit']
  /** where the window key, start, end and result are in an output record */
  map: WindowMapping
  /** flink: out-of-orderness `delay` of the watermark, allowed lateness, watermark emission */
  flink?: { delay?: Duration; allowedLateness?: Duration } & Omit<FlinkOptions, 'maxOutOfOrdernessMs' | 'allowedLatenessMs'>
}

function ms(v: Duration, path: string): number {
  const n = parseDuration(v)
  if (n === undefined) throw new InputError('bad duration in toMatchWindows options', { path, expected: "'300ms', '5s', '10m' or ms", found: JSON.stringify(v) })
  return n
}

function windowDef(w: WindowInput): WindowDef {
  if ('type' in w) return w
  if ('tumbling' in w) return { type: 'tumbling', size: ms(w.tumbling, 'window.tumbling') }
  if ('hopping' in w) return { type: 'hopping', size: ms(w.hopping.size, 'window.hopping.size'), advance: ms(w.hopping.advance, 'window.hopping.advance') }
  if ('session' in w) return { type: 'session', gap: ms(w.session.gap, 'window.session.gap') }
  if ('sliding' in w) return { type: 'sliding', difference: ms(w.sliding.difference, 'window.sliding.difference') }
  throw new InputError('toMatchWindows: no window', { path: 'window', expected: 'one of tumbling, hopping, session, sliding', found: JSON.stringify(w) })
}

/** The reference engine's spec from the matcher's options. */
export function toWindowSpec(o: WindowsOptions): WindowSpec {
  const spec: WindowSpec = { profile: o.profile, window: windowDef(o.window), aggregate: o.aggregate, emit: o.emit }
  if (o.window.grace !== undefined) spec.grace = ms(o.window.grace, 'window.grace')
  if (o.value !== undefined) spec.valuePath = o.value
  if (o.reducer !== undefined) spec.reducer = o.reducer
  if (o.profile === 'flink') {
    const { delay, allowedLateness, ...rest } = o.flink ?? {}
    spec.flink = { ...rest, maxOutOfOrdernessMs: ms(delay ?? 0, 'flink.delay') }
    if (allowedLateness !== undefined) spec.flink.allowedLatenessMs = ms(allowedLateness, 'flink.allowedLateness')
  }
  return spec
}
