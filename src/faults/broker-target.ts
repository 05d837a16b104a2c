import { EnvironmentError } from '../errors.ts'
import type { NodeRole } from '../env/index.ts'
import type { BrokerTarget } from '../perturb/index.ts'
import type { FaultOp } from '../replay/plan.ts'
import type { FaultContext } from './context.ts'

/** The broker a step acts on, as the report shows it: `broker 2 (leader of orders/0)`. */
export interface ResolvedBroker {
  id: number
  /** what the role named, when the step gave a role */
  role?: string
}

/** The step's target as a role the cluster answers: the run's topic names, its group, its transactional id. */
export function nodeRole(ctx: FaultContext, target: Exclude<BrokerTarget, { all: true }>): { role: NodeRole; label?: string } {
  if ('broker' in target) return { role: { broker: target.broker } }
  switch (target.role) {
    case 'leader':
      return { role: { role: 'leader', topic: ctx.topicName(target.topic), partition: target.partition }, label: `leader of ${target.topic}/${target.partition}` }
    case 'group-coordinator':
      return { role: { role: 'group-coordinator', groupId: ctx.groupId }, label: "the SUT group's coordinator" }
    case 'transaction-coordinator': {
      const id = target.transactionalId.replaceAll('{{group}}', ctx.groupId)
      return { role: { role: 'transaction-coordinator', transactionalId: id }, label: `transaction coordinator of ${target.transactionalId}` }
    }
    case 'controller':
      return { role: { role: 'controller' }, label: 'the active controller' }
  }
}

/** Resolves the step's broker at this moment (a leader moves), through the harness's own clients. */
export async function resolveBroker(ctx: FaultContext, op: FaultOp): Promise<ResolvedBroker> {
  const target = op.params?.target
  if (!target || 'all' in target) throw new Error(`${op.kind} at plan step ${op.seq} names no broker`)
  const cluster = needCluster(ctx, op)
  const { role, label } = nodeRole(ctx, target)
  const id = await cluster.resolve(role)
  return label ? { id, role: label } : { id }
}

export function needCluster(ctx: FaultContext, op: FaultOp): NonNullable<FaultContext['cluster']> {
  if (!ctx.cluster) {
    throw new EnvironmentError(`${op.kind}: this environment has no broker controls (a local environment does: environment: { nodes: 3 } in the scenario, or --env local --nodes 3)`, 'ST_NO_CLUSTER')
  }
  return ctx.cluster
}
