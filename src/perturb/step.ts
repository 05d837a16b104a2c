import type { StreamEvent } from '../stream/event.ts'

/** An event on its way through the perturbations, with the identity the oracles count by. */
export interface EventStep {
  kind: 'event'
  event: StreamEvent
  /** event id; duplicates share it */
  id: string
  /** 0 for the original, 1.. for copies made by `duplicate` or `replay` */
  copy: number
  /** set by `late` when the event was moved behind the stream */
  late?: true
}

/** The fault steps a plan can carry (DESIGN.md section 10). */
export type FaultKind = 'crash-sut' | 'pause-sut' | 'scale-sut' | 'restart-broker' | 'kill-broker' | 'pause-broker' | 'network'

/** Steps that act on the brokers or the network, not on the SUT: every scenario on the environment feels them. */
export const BROKER_STEPS: ReadonlySet<FaultKind> = new Set<FaultKind>(['restart-broker', 'kill-broker', 'pause-broker', 'network'])

/** The roles a broker step may name its broker by, resolved when the step fires. */
export const BROKER_ROLES = ['leader', 'group-coordinator', 'transaction-coordinator', 'controller'] as const
export const NETWORK_FAULTS = ['delay', 'stall', 'cut', 'one-way'] as const
export const DIRECTIONS = ['to-broker', 'to-client'] as const
/** The connections a network step acts on: the SUT's to the broker (default), or the other brokers' replication fetches from it. */
export const LINKS = ['clients', 'replication'] as const

/**
 * Which broker a broker or network step acts on, as plan data; resolved to a node when the step runs
 * (the leader of a partition moves). Topic names are the scenario's; the SUT's group and a
 * transactional id's `{{group}}` / `{{instance}}` are filled in by the run.
 */
export type BrokerTarget =
  | { broker: number }
  | { role: 'leader'; topic: string; partition: number }
  | { role: 'group-coordinator' }
  | { role: 'transaction-coordinator'; transactionalId: string }
  | { role: 'controller' }
  | { all: true }

/**
 * A network step's fault at a broker's proxy (see env/proxy/network-fault.ts); with `link: replication`
 * at the proxy of its replication listener instead, which the other brokers fetch its partitions through.
 */
export type NetworkParams = (
  | { fault: 'delay'; ms: number; direction?: 'to-broker' | 'to-client' }
  | { fault: 'stall'; direction?: 'to-broker' | 'to-client' }
  | { fault: 'cut' }
  | { fault: 'one-way'; drop: 'to-broker' | 'to-client' }
) & { link?: 'replication' }

/**
 * Where, after event N was acknowledged, a SUT fault lands: at the first observable effect of event N
 * (its output visible read_uncommitted, or its offset committed), at one of the two, or after a seeded
 * delay (a timing sample).
 */
export type Placement = 'first-effect' | 'output-visible' | 'offset-committed' | 'random'

/** A fault step's options, as plain data (the plan is JSON). */
export interface FaultParams {
  /** which SUT instance (0-based); absent: chosen at run time from the plan's seed */
  instance?: number
  /** crash-sut / pause-sut: when the step fires after its event (default first-effect) */
  on?: Placement
  /** pause-sut, pause-broker: how long it stays stopped; kill-broker: down this long, then restarted; network: how long the fault lasts, ms */
  forMs?: number
  /** kill-broker, pause-broker, restart-broker, network: the broker, by number or role (restart-broker without one: every node) */
  target?: BrokerTarget
  /** network: the fault at the target's proxy */
  network?: NetworkParams
  /** crash-sut / pause-sut: remove the instance's group members at once (crash default true, pause default false) */
  evict?: boolean
  /** scale-sut: the number of instances after the step */
  to?: number
}

/** A fault placed between produce operations. */
export interface FaultStep {
  kind: 'fault'
  fault: FaultKind
  params?: FaultParams
}

export type Step = EventStep | FaultStep

/** A seeded source of randomness; perturbations take one and never use Math.random. */
export interface Rng {
  /** uniform float in [0, 1) */
  next(): number
  /** uniform integer in [min, max] (inclusive) */
  int(min: number, max: number): number
}

/** A pure transform of a stream: same steps + same rng state = same result. */
export type Perturbation = (steps: readonly Step[], rng: Rng) => Step[]
