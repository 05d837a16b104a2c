import { setTimeout as sleepFor } from 'node:timers/promises'
import type { FaultOp } from '../replay/plan.ts'
import { chooseInstance, stepRng, type FaultContext } from './context.ts'
import { evict } from './evict-instance.ts'
import { placeStep } from './placed.ts'
import type { FaultRecord } from './record.ts'

/**
 * `pause-sut`: at the step's placement (by default the first effect of event N: for a transactional
 * app, inside its open transaction), SIGSTOP the instance's process group for `for`, then SIGCONT it —
 * a long GC pause or a frozen VM. With `evict: true` its members are removed from the group as it
 * stops, so the group gives its partitions to the other instances while it sleeps and it wakes as a
 * zombie that still holds what it was doing. The plan waits while the instance is stopped: the pause's
 * length is the fault itself, not a wait for a condition. The instance is always continued, also when
 * the eviction fails.
 */
export async function pauseSut(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  const forMs = op.params?.forMs
  if (forMs === undefined) throw new Error(`pause-sut at plan step ${op.seq} has no duration`)
  const rng = stepRng(ctx.plan, op)
  const instance = chooseInstance(ctx, op, rng)
  const placed = await placeStep(ctx, op, rng)
  const stopped = Date.now()
  await ctx.instances.pause(instance)
  let evicted: FaultRecord['evicted']
  let pausedMs = 0
  try {
    if (op.params?.evict === true) evicted = await evict(ctx, instance)
    await sleepFor(Math.max(0, stopped + forMs - Date.now()))
    // an evicted instance rejoins under new member ids when it wakes: attribute them, for a later step
    if (evicted && evicted.members > 0) await ctx.membership?.beforeStart(instance)
  } finally {
    pausedMs = Date.now() - stopped
    await ctx.instances.resume(instance)
  }
  if (evicted && evicted.members > 0) await ctx.membership?.afterReady(instance)
  return { kind: 'pause-sut', instance, ...placed, ...(evicted ? { evicted } : {}), pausedMs }
}
