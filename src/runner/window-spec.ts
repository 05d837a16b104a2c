import type { WindowDef, WindowSpec } from '../oracle/windows/index.ts'
import type { OracleSpec, Scenario } from '../scenario/index.ts'

type WindowsOracle = Extract<OracleSpec, { kind: 'windows' }>

/** The scenario's `windows:` oracle as the reference engine's spec. */
export function toOracleWindowSpec(o: WindowsOracle, scenario: Scenario): WindowSpec {
  const w = o.window
  let window: WindowDef
  if (w.type === 'session') window = { type: 'session', gap: w.gap }
  else if (w.type === 'sliding') window = { type: 'sliding', difference: w.difference }
  else if (w.type === 'tumbling') window = { type: 'tumbling', size: w.size }
  else window = { type: 'hopping', size: w.size, advance: w.advance }
  const extra = o as Record<string, unknown>
  const emit = extra.emit === 'on-window-close' ? 'on-window-close' : o.emit
  const inputTopic = scenario.input[0]?.topic
  const partitions = inputTopic ? scenario.topics[inputTopic]?.partitions : undefined
  return {
    profile: o.profile,
    window,
    grace: w.grace,
    aggregate: o.aggregate,
    ...(o.value !== undefined ? { valuePath: o.value } : {}),
    emit,
    ...(o.profile === 'flink'
      ? {
          flink: {
            maxOutOfOrdernessMs: o.delay,
            ...(typeof extra.allowedLateness === 'number' ? { allowedLatenessMs: extra.allowedLateness } : {}),
            ...(partitions !== undefined ? { partitions } : {}),
          },
        }
      : {}),
  }
}
