import type { Admin } from 'kafkajs'
import type { Collector } from '../collect/index.ts'
import type { CollectedRecord } from '../collect/record.ts'
import { deriveRng, type Rng } from '../perturb/index.ts'
import type { FaultOp, Plan, ProduceOp } from '../replay/plan.ts'
import type { SutInstances } from '../sut/index.ts'
import type { ClusterControl, NetworkControl } from '../env/index.ts'
import type { Membership } from './membership.ts'
import type { OngoingFaults } from './ongoing.ts'
import type { FaultRecord } from './record.ts'

/** What a fault step needs from the run it happens in (the runner and the vitest face each build one). */
export interface FaultContext {
  plan: Plan
  instances: SutInstances
  admin: Admin
  /** the SUT's consumer group */
  groupId: string
  /** the scenario's topic name -> the run's real topic name */
  topicName: (topic: string) => string
  /** the run's outputs, read_uncommitted, to see an event's first effect; without it steps fire at once */
  collector?: Collector
  /** the event id an output names (the output id path), for the first-effect wait */
  outputId: (r: CollectedRecord) => string | undefined
  /** removes a killed or paused instance's group members; absent: their session timeout applies */
  membership?: Membership
  /** restarts the broker in place; absent: the environment cannot */
  restartBroker?: () => Promise<void>
  /** a local environment's nodes, for kill-broker, pause-broker and restart-broker of one broker */
  cluster?: ClusterControl
  /** the proxies in front of the brokers, for network steps */
  network?: NetworkControl
  /** faults that outlast their step (a killed broker, a network fault); the run ends them all */
  ongoing: OngoingFaults
  /** the plan position of the last op the replay has had acknowledged (-1 before any) */
  progress?: () => number
  /** how long a placed step waits for an effect of its event before it fires anyway, ms */
  boundMs: number
  /** every step carried out, in order: the report's fault records */
  records: FaultRecord[]
}

/** How long a crash or pause waits for the first effect of its event before it fires anyway, ms. */
export const EFFECT_BOUND_MS = 10_000

/** The last produce op before the fault step: the event whose effect the step waits for. */
export function eventBefore(plan: Plan, op: FaultOp): ProduceOp | undefined {
  for (let i = op.seq - 1; i >= 0; i--) {
    const prev = plan.ops[i]
    if (prev?.kind === 'produce') return prev
  }
  return undefined
}

/** The step's own randomness: the same plan seed and step position give the same choices. */
export function stepRng(plan: Plan, op: FaultOp): Rng {
  return deriveRng(plan.seed, `fault-step:${op.seq}`)
}

/** The instance the step names, else one of the running instances chosen by the step's rng. */
export function chooseInstance(ctx: FaultContext, op: FaultOp, rng: Rng): number {
  const running = ctx.instances.running
  const named = op.params?.instance
  if (named !== undefined) {
    if (!running.includes(named)) throw new Error(`${op.kind} at plan step ${op.seq}: instance ${named} is not running (running: ${running.join(', ') || 'none'})`)
    return named
  }
  if (running.length === 0) throw new Error(`${op.kind} at plan step ${op.seq}: no SUT instance is running`)
  return running[rng.int(0, running.length - 1)] as number
}
