import type { Placement } from '../perturb/step.ts'
import type { PerturbSpec as PlanSpec } from '../perturb/spec.ts'
import type { PerturbSpec as ScenarioPerturb } from '../scenario/perturb-schema.ts'

/** The scenario's perturbations (names as users write them) as the plan builder's specs. */
export function toPlanSpecs(perturb: readonly ScenarioPerturb[]): PlanSpec[] {
  return perturb.map((p): PlanSpec => {
    switch (p.kind) {
      case 'reorder':
        return { kind: 'reorder', ...(p.within !== undefined ? { withinMs: p.within } : {}), ...(p.positions !== undefined ? { positions: p.positions } : {}) }
      case 'late':
        return { kind: 'late', rate: p.rate, byMs: p.by }
      case 'restart-broker':
        return { kind: p.kind, ...position(p) }
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
    }
  })
}

function position(p: { after?: number | undefined; at?: number | undefined; seeded?: true | undefined }): { after?: number; at?: number; seeded?: true } {
  return { ...(p.after !== undefined ? { after: p.after } : {}), ...(p.at !== undefined ? { at: p.at } : {}), ...(p.seeded ? { seeded: true as const } : {}) }
}

function instanceOptions(p: { instance?: number | undefined; on?: Placement | undefined; evict?: boolean | undefined }): { instance?: number; on?: Placement; evict?: boolean } {
  return { ...(p.instance !== undefined ? { instance: p.instance } : {}), ...(p.on !== undefined ? { on: p.on } : {}), ...(p.evict !== undefined ? { evict: p.evict } : {}) }
}
