import type { FaultOp } from '../replay/plan.ts'
import { eventBefore, type FaultContext } from './context.ts'
import type { FaultRecord } from './record.ts'

/**
 * `scale-sut`: start instances (each ready before the next) or stop the highest ones gracefully
 * (SIGTERM, then wait for the exit) until `to` run: the group rebalances as it does when a deployment
 * scales. Fires as soon as event N is acknowledged.
 */
export async function scaleSut(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  const to = op.params?.to
  if (to === undefined) throw new Error(`scale-sut at plan step ${op.seq} has no instance count`)
  const from = ctx.instances.running.length
  const outputsAtKill = ctx.collector?.uncommittedCount() ?? 0
  await ctx.instances.scaleTo(to)
  return { kind: 'scale-sut', afterSeq: eventBefore(ctx.plan, op)?.seq ?? -1, outputsAtKill, trigger: 'immediate', scaled: { from, to } }
}
