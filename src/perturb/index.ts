// What other folders use of perturb/. The builders by name (reorder, duplicate, ...) are the public ones of
// factories.ts, which write scenario entries; the plan's perturbations of the same names (reorder.ts, ...)
// stay inside perturb/ and are reached through toPerturbation(spec).
export { burst, crashSut, duplicate, late, reorder, replay, restartBroker } from './factories.ts'
export type { BurstOptions, DuplicateOptions, Duration, FaultPointOptions, Fraction, LateOptions, Perturb, ReorderOptions, ReplayTimesOptions } from './factories.ts'
export { PLACEMENTS } from './faults.ts'
export { createRng, deriveRng, deriveSeed, randomSeed } from './rng.ts'
export { applyPerturbations, parsePerturbSpec, toPerturbation, type PerturbKind, type PerturbSpec } from './spec.ts'
export { BROKER_ROLES, BROKER_STEPS, DIRECTIONS, LINKS, NETWORK_FAULTS } from './step.ts'
export type { BrokerTarget, EventStep, FaultKind, NetworkParams, FaultParams, FaultStep, Perturbation, Placement, Rng, Step } from './step.ts'
