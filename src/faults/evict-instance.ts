import type { FaultContext } from './context.ts'
import type { FaultRecord } from './record.ts'

/** Removes the instance's members at once; without a membership the session timeout applies. */
export async function evict(ctx: FaultContext, instance: number): Promise<NonNullable<FaultRecord['evicted']>> {
  if (!ctx.membership) return { members: 0, note: 'no eviction here: the members leave when their session times out' }
  return ctx.membership.evict(instance)
}
