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
      case 'crash-sut':
      case 'restart-broker':
        return { kind: p.kind, ...(p.after !== undefined ? { after: p.after } : {}), ...(p.at !== undefined ? { at: p.at } : {}), ...(p.seeded ? { seeded: true as const } : {}) }
      case 'duplicate':
        return { kind: 'duplicate', rate: p.rate, copies: p.copies, spread: p.spread }
      case 'burst':
        return { kind: 'burst', size: p.size, ...(p.every !== undefined ? { every: p.every } : {}) }
      case 'replay':
        return { kind: 'replay', times: p.times }
    }
  })
}
