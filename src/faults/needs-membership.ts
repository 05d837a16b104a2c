import type { Plan } from '../replay/plan.ts'

/**
 * Whether a plan evicts anyone: a crash (evicts unless `evict: false`) or a pause with `evict: true`.
 * Only then are the SUT's group members attributed to its instances as they start (which waits until
 * each instance's members have joined); other runs skip that wait.
 */
export function needsMembership(plan: Plan): boolean {
  return plan.ops.some((op) => (op.kind === 'crash-sut' && op.params?.evict !== false) || (op.kind === 'pause-sut' && op.params?.evict === true))
}
