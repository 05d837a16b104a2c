import type { FaultOp } from '../replay/plan.ts'
import { chooseInstance, stepRng, type FaultContext } from './context.ts'
import { placeStep } from './placed.ts'
import { evict } from './evict-instance.ts'
import type { FaultRecord } from './record.ts'

/**
 * `crash-sut`: at the step's placement, SIGKILL the instance's process group, remove its group members
 * (unless `evict: false`: then the survivors and the restart wait out the session timeout, as in
 * production), and start it again with the same group; resolves once it is ready.
 */
export async function crashSut(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  const rng = stepRng(ctx.plan, op)
  const instance = chooseInstance(ctx, op, rng)
  const placed = await placeStep(ctx, op, rng)
  const killed = Date.now()
  await ctx.instances.crash(instance)
  const evicted = op.params?.evict === false ? undefined : await evict(ctx, instance)
  await ctx.instances.restart(instance)
  return { kind: 'crash-sut', instance, ...placed, ...(evicted ? { evicted } : {}), downMs: Date.now() - killed }
}
