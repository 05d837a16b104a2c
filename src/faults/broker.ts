import type { FaultOp } from '../replay/plan.ts'
import { needCluster, resolveBroker } from './broker-target.ts'
import { eventBefore, stepRng, type FaultContext } from './context.ts'
import { placeStep } from './placed.ts'
import type { FaultRecord } from './record.ts'

/**
 * The broker steps (DESIGN.md section 10, Cluster). Each fires at its placement after event N, like a
 * SUT fault (by default the first effect of event N: the SUT is then writing), and resolves its broker
 * at that moment (the leader of a partition is whoever leads it now). The replay goes on while the
 * broker is down or stopped, so the SUT meets the failover while it reads and writes; the run waits
 * for every timed fault to end before it judges quiescence, and brings every node back when it ends.
 */

/** The record of a step that fires at once after its event. */
function immediateRecord(ctx: FaultContext, op: FaultOp): FaultRecord {
  return { kind: op.kind, afterSeq: eventBefore(ctx.plan, op)?.seq ?? -1, outputsAtKill: ctx.collector?.uncommittedCount() ?? 0, trigger: 'immediate' }
}

/** Waits for the step's placement after its event (`on:`, default first-effect); the start of its record. */
export async function placedRecord(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  return { kind: op.kind, ...(await placeStep(ctx, op, stepRng(ctx.plan, op))) }
}

/**
 * Keeps a fault on until its `for` ends, a later step ends it, or the run does; as it ends, its record
 * gets where the replay had got to and how long the fault lasted since `since`.
 */
export async function holdUntilEnd(
  ctx: FaultContext,
  op: FaultOp,
  key: string,
  record: FaultRecord,
  since: number,
  end: () => Promise<void>,
  lasted: 'downMs' | 'pausedMs' | 'lastedMs',
): Promise<void> {
  await ctx.ongoing.start(key, async () => {
    record.untilSeq = ctx.progress?.() ?? op.seq
    await end()
    record[lasted] = Date.now() - since
  }, op.params?.forMs)
}

type Cluster = NonNullable<FaultContext['cluster']>

/** A broker taken out at the step's placement (`stop`) and brought back (`back`) when the fault ends. */
async function brokerOut(ctx: FaultContext, op: FaultOp, stop: (c: Cluster, id: number) => Promise<void>, back: (c: Cluster, id: number) => Promise<void>, lasted: 'downMs' | 'pausedMs'): Promise<FaultRecord> {
  const cluster = needCluster(ctx, op)
  const placed = await placedRecord(ctx, op)
  const broker = await resolveBroker(ctx, op)
  const record: FaultRecord = { ...placed, broker }
  const since = Date.now()
  await stop(cluster, broker.id)
  await holdUntilEnd(ctx, op, `broker:${broker.id}`, record, since, () => back(cluster, broker.id), lasted)
  return record
}

/** `kill-broker`: SIGKILL the node; restarted after `for`, by a later `restart-broker`, or when the run ends. */
export function killBroker(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  return brokerOut(ctx, op, (c, id) => c.kill(id), (c, id) => c.restart(id), 'downMs')
}

/** `pause-broker`: SIGSTOP the node for `for`, then SIGCONT (a GC pause or a frozen VM of a broker). */
export function pauseBroker(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  return brokerOut(ctx, op, (c, id) => c.pause(id), (c, id) => c.resume(id), 'pausedMs')
}

/**
 * `restart-broker`: without a broker, every node in place (the one-node environment's restart); with
 * one, that node: a node this run killed or paused comes back, a running one is stopped gracefully and
 * started again. Resolves when it is back in the cluster.
 */
export async function restartBroker(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  const started = Date.now()
  if (!op.params?.target) {
    if (!ctx.restartBroker) throw new Error('restart-broker: this environment cannot restart its broker')
    await ctx.restartBroker()
    return { ...immediateRecord(ctx, op), downMs: Date.now() - started }
  }
  const cluster = needCluster(ctx, op)
  const broker = await resolveBroker(ctx, op)
  const record: FaultRecord = { ...immediateRecord(ctx, op), broker }
  // a node this run killed or paused: ending that fault brings it back; a running one restarts
  if (!(await ctx.ongoing.end(`broker:${broker.id}`))) await cluster.restart(broker.id)
  record.downMs = Date.now() - started
  return record
}
