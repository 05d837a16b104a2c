// A plan from inputs and perturbations, and its produce calls: what other folders use of replay/.
export { buildPlan, type PlanInput } from './build-plan.ts'
export { parsePace, type Pace } from './pace.ts'
export { partitionFor } from './partitioner.ts'
export type { FaultOp, Plan, PlanOp, ProduceOp } from './plan.ts'
export { replayOps, replayPlan, type ReplayPlanOptions, type ReplayStats, type ReplayTarget } from './replay-plan.ts'
export { streamOps } from './stream-ops.ts'
