import { waitForEffect } from './placement.ts'
import { eventBefore, type FaultContext } from './context.ts'
import type { FaultOp } from '../replay/plan.ts'
import type { Rng } from '../perturb/index.ts'
import type { FaultRecord } from './record.ts'

/**
 * Waits for the moment a crash or pause step fires (its `on:` placement after event N) and returns the
 * start of its record: where it fired, what triggered it and how much output was visible.
 */
export async function placeStep(ctx: FaultContext, op: FaultOp, rng: Rng): Promise<Pick<FaultRecord, 'afterSeq' | 'trigger' | 'outputsAtKill'>> {
  const last = eventBefore(ctx.plan, op)
  const collector = ctx.collector
  if (!last || !collector) return { afterSeq: last?.seq ?? -1, trigger: 'immediate', outputsAtKill: collector?.uncommittedCount() ?? 0 }
  const trigger = await waitForEffect(
    {
      admin: ctx.admin,
      collector,
      groupId: ctx.groupId,
      topic: ctx.topicName(last.topic),
      partition: last.partition,
      isOutputOf: (r) => ctx.outputId(r) === last.id,
      copy: last.copy > 0,
      boundMs: ctx.boundMs,
    },
    op.params?.on ?? 'first-effect',
    rng,
  )
  return { afterSeq: last.seq, trigger, outputsAtKill: collector.uncommittedCount() }
}
