import { EnvironmentError } from '../errors.ts'
import type { FaultOp } from '../replay/plan.ts'
import { eventBefore, type FaultContext } from './context.ts'
import type { FaultRecord } from './record.ts'

/** `restart-broker`: stop and start the environment's broker in place (same ports, same data). */
export async function restartBroker(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  if (!ctx.restartBroker) throw new EnvironmentError('restart-broker: this environment cannot restart its broker')
  const started = Date.now()
  await ctx.restartBroker()
  return { kind: 'restart-broker', afterSeq: eventBefore(ctx.plan, op)?.seq ?? -1, outputsAtKill: ctx.collector?.uncommittedCount() ?? 0, trigger: 'immediate', downMs: Date.now() - started }
}
