import type { Admin, Kafka } from 'kafkajs'
import { EnvironmentError, InputError } from '../../errors.ts'
import type { NodeRole } from '../environment.ts'
import { findCoordinator } from './find-coordinator.ts'

export interface RoleSources {
  kafka: Kafka
  admin: Admin
  /** node ids of the cluster */
  ids: number[]
  /** the active KRaft controller, if known */
  controller(): number | undefined
}

/** The node `role` names at this moment, asked of the cluster through the harness's (never faulted) clients. */
export async function resolveRole(role: NodeRole, src: RoleSources): Promise<number> {
  if ('broker' in role) {
    if (!src.ids.includes(role.broker)) throw new InputError(`no broker ${role.broker} in the local cluster`, { expected: src.ids.join(' | '), found: String(role.broker) })
    return role.broker
  }
  switch (role.role) {
    case 'leader': {
      const meta = await src.admin.fetchTopicMetadata({ topics: [role.topic] })
      const p = meta.topics[0]?.partitions.find((x) => x.partitionId === role.partition)
      if (!p) throw new InputError(`role leader: topic ${role.topic} has no partition ${role.partition}`)
      if (p.leader < 0) throw new EnvironmentError(`role leader: ${role.topic}/${role.partition} has no leader right now`, 'ST_NO_LEADER')
      return p.leader
    }
    case 'group-coordinator':
      return findCoordinator(src.kafka, role.groupId, 'group')
    case 'transaction-coordinator':
      return findCoordinator(src.kafka, role.transactionalId, 'transaction')
    case 'controller': {
      const id = src.controller()
      if (id === undefined) throw new EnvironmentError('role controller: no active KRaft controller right now (an election is under way)', 'ST_NO_CONTROLLER')
      return id
    }
  }
}

/** Checks a role given as data; a bad one is an InputError naming what is missing. */
export function checkNodeRole(role: unknown, where = 'broker step'): NodeRole {
  const r = role as Record<string, unknown>
  if (r && typeof r.broker === 'number' && Number.isInteger(r.broker)) return { broker: r.broker }
  const need = (field: string, type: 'string' | 'number'): void => {
    if (typeof r[field] !== type) throw new InputError(`${where}: role ${String(r.role)} needs ${field}`, { expected: `${field}: <${type}>`, found: r[field] === undefined ? 'nothing' : JSON.stringify(r[field]) })
  }
  switch (r?.role) {
    case 'leader':
      need('topic', 'string')
      need('partition', 'number')
      return { role: 'leader', topic: r.topic as string, partition: r.partition as number }
    case 'group-coordinator':
      need('groupId', 'string')
      return { role: 'group-coordinator', groupId: r.groupId as string }
    case 'transaction-coordinator':
      need('transactionalId', 'string')
      return { role: 'transaction-coordinator', transactionalId: r.transactionalId as string }
    case 'controller':
      return { role: 'controller' }
    default:
      throw new InputError(`${where}: no broker chosen`, { expected: 'broker: N or role: leader | group-coordinator | transaction-coordinator | controller', found: JSON.stringify(role) })
  }
}
