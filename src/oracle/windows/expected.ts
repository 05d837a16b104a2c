import type { ProduceOp } from '../../replay/plan.ts'
import { fold, makeAggregator } from './aggregate.ts'
import type { ExpectedWindows } from './expected-types.ts'
import { flinkExpected } from './flink-profile.ts'
import { kafkaStreamsExpected } from './ks-profile.ts'
import { checkWindowSpec, type WindowSpec } from './spec.ts'

/**
 * What a correct engine emits for the input topic's produce ops, given in plan (seq) order: the arrival
 * order per partition is their order here. Pure; memory grows with the windows (the output), not with
 * the records beyond the lists of records behind each window. Throws InputError for a bad spec.
 */
export function expectedWindows(ops: readonly ProduceOp[], spec: WindowSpec): ExpectedWindows {
  checkWindowSpec(spec)
  const agg = makeAggregator(spec)
  const aggregate = (records: readonly ProduceOp[]) => fold(agg, records)
  if (spec.profile === 'flink') return { spec, aggregate, ...flinkExpected(ops, spec, agg) }
  return { spec, aggregate, indeterminate: [], ...kafkaStreamsExpected(ops, spec, agg) }
}
