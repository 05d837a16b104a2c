import type { BrokerTarget, NetworkParams, Placement } from '../perturb/step.ts'
import type { PerturbSpec as PlanSpec } from '../perturb/spec.ts'
import type { ScenarioPerturb } from '../scenario/perturb-schema.ts'

/** The scenario's perturbations (names as users write them) as the plan builder's specs. */
export function toPlanSpecs(perturb: readonly ScenarioPerturb[]): PlanSpec[] {
  return perturb.map((p): PlanSpec => {
    switch (p.kind) {
      case 'reorder':
        return { kind: 'reorder', ...(p.within !== undefined ? { withinMs: p.within } : {}), ...(p.positions !== undefined ? { positions: p.positions } : {}) }
      case 'late':
        return { kind: 'late', rate: p.rate, byMs: p.by }
      case 'restart-broker': {
        const target = brokerTarget(p)
        return { kind: p.kind, ...position(p), ...(target ? { target } : {}) }
      }
      case 'kill-broker':
        return { kind: p.kind, ...position(p), ...placedOn(p), target: brokerTarget(p) as BrokerTarget, ...(p.for !== undefined ? { forMs: p.for } : {}) }
      case 'pause-broker':
        return { kind: p.kind, ...position(p), ...placedOn(p), target: brokerTarget(p) as BrokerTarget, forMs: p.for }
      case 'network':
        return { kind: p.kind, ...position(p), ...placedOn(p), target: brokerTarget(p) ?? { all: true }, network: networkParams(p), forMs: p.for }
      case 'crash-sut':
        return { kind: p.kind, ...position(p), ...instanceOptions(p) }
      case 'pause-sut':
        return { kind: p.kind, ...position(p), ...instanceOptions(p), forMs: p.for }
      case 'scale-sut':
        return { kind: p.kind, ...position(p), to: p.to }
      case 'duplicate':
        return { kind: 'duplicate', rate: p.rate, copies: p.copies, spread: p.spread }
      case 'burst':
        return { kind: 'burst', size: p.size, ...(p.every !== undefined ? { every: p.every } : {}) }
      case 'replay':
        return { kind: 'replay', times: p.times }
      case 'evolve-schema':
        return { kind: 'evolve-schema', schema: p.schema, ...p.at, ...(p.topic !== undefined ? { topic: p.topic } : {}) }
    }
  })
}

function position(p: { after?: number | undefined; at?: number | undefined; seeded?: true | undefined }): { after?: number; at?: number; seeded?: true } {
  return { ...(p.after !== undefined ? { after: p.after } : {}), ...(p.at !== undefined ? { at: p.at } : {}), ...(p.seeded ? { seeded: true as const } : {}) }
}

function instanceOptions(p: { instance?: number | undefined; on?: Placement | undefined; evict?: boolean | undefined }): { instance?: number; on?: Placement; evict?: boolean } {
  return { ...(p.instance !== undefined ? { instance: p.instance } : {}), ...(p.on !== undefined ? { on: p.on } : {}), ...(p.evict !== undefined ? { evict: p.evict } : {}) }
}

function placedOn(p: { on?: Placement | undefined }): { on?: Placement } {
  return p.on !== undefined ? { on: p.on } : {}
}

/** The step's broker as plan data; undefined when it names none. */
function brokerTarget(p: { broker?: number | undefined; role?: string | undefined; topic?: string | undefined; partition?: number | undefined; 'transactional-id'?: string | undefined }): BrokerTarget | undefined {
  if (p.broker !== undefined) return { broker: p.broker }
  switch (p.role) {
    case 'leader':
      return { role: 'leader', topic: p.topic as string, partition: p.partition ?? 0 }
    case 'transaction-coordinator':
      return { role: 'transaction-coordinator', transactionalId: p['transactional-id'] as string }
    case 'group-coordinator':
    case 'controller':
      return { role: p.role }
    default:
      return undefined
  }
}

function networkParams(p: { fault: NetworkParams['fault']; ms?: number | undefined; direction?: 'to-broker' | 'to-client' | undefined; drop?: 'to-broker' | 'to-client' | undefined; link?: 'clients' | 'replication' | undefined }): NetworkParams {
  const link = p.link === 'replication' ? { link: 'replication' as const } : {}
  return { ...faultParams(p), ...link }
}

function faultParams(p: Parameters<typeof networkParams>[0]): NetworkParams {
  switch (p.fault) {
    case 'delay':
      return { fault: 'delay', ms: p.ms ?? 0, ...(p.direction ? { direction: p.direction } : {}) }
    case 'stall':
      return { fault: 'stall', ...(p.direction ? { direction: p.direction } : {}) }
    case 'cut':
      return { fault: 'cut' }
    case 'one-way':
      return { fault: 'one-way', drop: p.drop ?? 'to-client' }
  }
}
