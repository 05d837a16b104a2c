import type { FaultKind } from '../perturb/index.ts'
import type { FaultOp } from '../replay/plan.ts'
import type { FaultContext } from './context.ts'
import { crashSut } from './crash.ts'
import { pauseSut } from './pause.ts'
import type { FaultRecord } from './record.ts'
import { killBroker, pauseBroker, restartBroker } from './broker.ts'
import { networkStep } from './network.ts'
import { scaleSut } from './scale.ts'

export { EFFECT_BOUND_MS, type FaultContext } from './context.ts'
export type { Membership } from './membership.ts'
export { openGroupMembership, type GroupMembership, type GroupMembershipOptions } from './group-membership.ts'
export { evictMembers, type EvictResult } from './evict.ts'
export { needsMembership } from './needs-membership.ts'
export type { FaultRecord, FaultTrigger } from './record.ts'
export { waitForEffect, type EffectTarget } from './placement.ts'
export { ongoingFaults, type OngoingFaults } from './ongoing.ts'

const STEPS: Record<FaultKind, (ctx: FaultContext, op: FaultOp) => Promise<FaultRecord>> = {
  'crash-sut': crashSut,
  'pause-sut': pauseSut,
  'scale-sut': scaleSut,
  'restart-broker': restartBroker,
  'kill-broker': killBroker,
  'pause-broker': pauseBroker,
  network: networkStep,
}

/** Carry out one fault step of a plan and keep its record in `ctx.records`. */
export async function runFault(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  let record: FaultRecord
  try {
    record = await STEPS[op.kind](ctx, op)
  } catch (err) {
    // the report's one-line error says which step failed
    if (err instanceof Error && !err.message.startsWith(op.kind)) err.message = `${op.kind} at plan step ${op.seq}: ${err.message}`
    throw err
  }
  ctx.records.push(record)
  return record
}
