import type { FaultOp } from '../replay/plan.ts'
import { needCluster, resolveBroker } from './broker-target.ts'
import { eventBefore, stepRng, type FaultContext } from './context.ts'
import { placeStep } from './placed.ts'
import type { FaultRecord } from './record.ts'

/**
 * The broker steps (DESIGN.md section 10, Cluster). Each fires at its placement after event N, like a
 * SUT fault (by default the first effect of event N: the SUT is then writing), and resolves its broker
 * at that moment (the leader of a partition is whoever leads it now). The replay goes on while the broker is down or stopped, so the
 * SUT meets the failover while it reads and writes; the run waits for every timed fault to end before
 * it judges quiescence, and brings every node back when it ends.
 */

/** The record of a step that fires at once after its event. */
function immediateRecord(ctx: FaultContext, op: FaultOp): FaultRecord {
  return { kind: op.kind, afterSeq: eventBefore(ctx.plan, op)?.seq ?? -1, outputsAtKill: ctx.collector?.uncommittedCount() ?? 0, trigger: 'immediate' }
}

/** Waits for the step's placement after its event (`on:`, default first-effect); the start of its record. */
export async function placedRecord(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  return { kind: op.kind, ...(await placeStep(ctx, op, stepRng(ctx.plan, op))) }
}

/** `kill-broker`: SIGKILL the node; restarted after `for`, by a later `restart-broker`, or when the run ends. */
export async function killBroker(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  const cluster = needCluster(ctx, op)
  const placed = await placedRecord(ctx, op)
  const broker = await resolveBroker(ctx, op)
  const record: FaultRecord = { ...placed, broker }
  const killed = Date.now()
  await cluster.kill(broker.id)
  await ctx.ongoing.start(`broker:${broker.id}`, async () => {
    record.untilSeq = ctx.progress?.() ?? op.seq
    await cluster.restart(broker.id)
    record.downMs = Date.now() - killed
  }, op.params?.forMs)
  return record
}

/** `pause-broker`: SIGSTOP the node for `for`, then SIGCONT (a GC pause or a frozen VM of a broker). */
export async function pauseBroker(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  const cluster = needCluster(ctx, op)
  const placed = await placedRecord(ctx, op)
  const broker = await resolveBroker(ctx, op)
  const record: FaultRecord = { ...placed, broker }
  const paused = Date.now()
  await cluster.pause(broker.id)
  await ctx.ongoing.start(`broker:${broker.id}`, async () => {
    record.untilSeq = ctx.progress?.() ?? op.seq
    await cluster.resume(broker.id)
    record.pausedMs = Date.now() - paused
  }, op.params?.forMs)
  return record
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
  // a node this run killed or paused: ending that fault is the restart
  if (await ctx.ongoing.end(`broker:${broker.id}`)) {
    if (cluster.nodes().find((n) => n.id === broker.id)?.state !== 'up') await cluster.restart(broker.id)
  } else {
    await cluster.restart(broker.id)
  }
  record.downMs = Date.now() - started
  return record
}
