import { InputError } from '../errors.ts'
import type { BrokerTarget, FaultKind, FaultParams, FaultStep, NetworkParams, Perturbation, Placement, Rng, Step } from './step.ts'

export const PLACEMENTS: readonly Placement[] = ['first-effect', 'output-visible', 'offset-committed', 'random']

export interface FaultOptions {
  /** after this fraction of the events: floor(after * eventCount) events come before the fault */
  after?: number
  /** after exactly this many events (0 = before the first, eventCount = after the last) */
  at?: number
  /** at a seeded position: k events before the fault, k uniform in [1, eventCount - 1] */
  seeded?: true
}

/** Which instance, and when after its event the step fires. */
export interface InstanceFaultOptions extends FaultOptions {
  instance?: number
  on?: Placement
  evict?: boolean
}

/** Kill a SUT instance (SIGKILL) at a point in the plan, evict its group members, then restart it. */
export function crashSut(options: InstanceFaultOptions = {}): Perturbation {
  return faultAt('crash-sut', options, instanceParams('crash-sut', options))
}

/** Stop a SUT instance (SIGSTOP) for `forMs`, then continue it; with `evict`, it wakes as a zombie. */
export function pauseSut(options: InstanceFaultOptions & { forMs: number }): Perturbation {
  positiveDuration('pause-sut', options.forMs)
  return faultAt('pause-sut', options, { ...instanceParams('pause-sut', options), forMs: options.forMs })
}

/** Start or gracefully stop SUT instances so that `to` run after the step. */
export function scaleSut(options: FaultOptions & { to: number }): Perturbation {
  if (!(Number.isInteger(options.to) && options.to >= 1)) {
    throw new InputError('scale-sut needs an instance count', { path: 'scale-sut.to', expected: 'an integer >= 1', found: String(options.to) })
  }
  return faultAt('scale-sut', options, { to: options.to })
}

/** Restart the broker at a point in the plan: every node, or the one `target` names (stopped gracefully, or down after a kill). */
export function restartBroker(options: FaultOptions & { target?: BrokerTarget } = {}): Perturbation {
  return faultAt('restart-broker', options, options.target ? { target: checkTarget('restart-broker', options.target) } : {})
}

/** SIGKILL the broker `target` names; with `forMs` it is restarted that long after, else at the end of the run. */
export function killBroker(options: FaultOptions & { target: BrokerTarget; forMs?: number; on?: Placement }): Perturbation {
  if (options.forMs !== undefined) positiveDuration('kill-broker', options.forMs)
  return faultAt('kill-broker', options, { target: checkTarget('kill-broker', options.target), ...placed('kill-broker', options.on), ...(options.forMs !== undefined ? { forMs: options.forMs } : {}) })
}

/** SIGSTOP the broker `target` names for `forMs`, then SIGCONT it (the replay goes on meanwhile). */
export function pauseBroker(options: FaultOptions & { target: BrokerTarget; forMs: number; on?: Placement }): Perturbation {
  positiveDuration('pause-broker', options.forMs)
  return faultAt('pause-broker', options, { target: checkTarget('pause-broker', options.target), ...placed('pause-broker', options.on), forMs: options.forMs })
}

/** A fault on the SUT's connections to one broker (or all) for `forMs`, through the brokers' proxies. */
export function networkFault(options: FaultOptions & { target: BrokerTarget; network: NetworkParams; forMs: number; on?: Placement }): Perturbation {
  positiveDuration('network', options.forMs)
  const n = options.network
  if (n.fault === 'delay' && !(Number.isFinite(n.ms) && n.ms >= 0)) {
    throw new InputError('network delay needs ms', { path: 'network.ms', expected: 'a number of milliseconds >= 0', found: String(n.ms) })
  }
  if (n.fault === 'one-way' && n.drop === undefined) {
    throw new InputError('network one-way needs drop', { path: 'network.drop', expected: 'to-broker | to-client', found: 'nothing' })
  }
  return faultAt('network', options, { target: checkTarget('network', options.target), ...placed('network', options.on), network: n, forMs: options.forMs })
}

function placed(fault: FaultKind, on: Placement | undefined): FaultParams {
  if (on === undefined) return {}
  if (!PLACEMENTS.includes(on)) throw new InputError(`invalid ${fault} placement`, { path: `${fault}.on`, expected: `one of ${PLACEMENTS.join(', ')}`, found: String(on) })
  return { on }
}

function positiveDuration(fault: FaultKind, forMs: number): void {
  if (!(Number.isFinite(forMs) && forMs > 0)) {
    throw new InputError(`${fault} needs a duration`, { path: `${fault}.for`, expected: 'a duration > 0, like 5s', found: String(forMs) })
  }
}

function checkTarget(fault: FaultKind, target: BrokerTarget): BrokerTarget {
  if ('all' in target && fault !== 'network') {
    throw new InputError(`${fault} acts on one broker`, { path: `${fault}.broker`, expected: 'broker: N or role: leader | group-coordinator | transaction-coordinator | controller', found: 'all' })
  }
  if ('broker' in target && !(Number.isInteger(target.broker) && target.broker >= 1)) {
    throw new InputError(`invalid ${fault} broker`, { path: `${fault}.broker`, expected: 'a node id >= 1', found: String(target.broker) })
  }
  if ('role' in target && target.role === 'leader' && !target.topic) {
    throw new InputError(`${fault}: role leader needs topic`, { path: `${fault}.topic`, expected: 'topic: <a topic of the scenario>', found: 'nothing' })
  }
  if ('role' in target && target.role === 'transaction-coordinator' && !target.transactionalId) {
    throw new InputError(`${fault}: role transaction-coordinator needs transactional-id`, { path: `${fault}.transactional-id`, expected: "transactional-id: '{{group}}-tx-0' (the SUT's, with {{group}} for the run's group)", found: 'nothing' })
  }
  return target
}

function instanceParams(fault: FaultKind, o: InstanceFaultOptions): FaultParams {
  const params: FaultParams = {}
  if (o.instance !== undefined) {
    if (!(Number.isInteger(o.instance) && o.instance >= 0)) {
      throw new InputError(`invalid ${fault} instance`, { path: `${fault}.instance`, expected: 'an integer >= 0', found: String(o.instance) })
    }
    params.instance = o.instance
  }
  Object.assign(params, placed(fault, o.on))
  if (o.evict !== undefined) params.evict = o.evict
  return params
}

/**
 * Inserts one fault step after k event steps (copies count), behind any faults already there.
 * Exactly one of `at`, `after`, `seeded` may be given; none means seeded. A seeded fault in a stream
 * of fewer than 2 events goes after all of them.
 */
function faultAt(fault: FaultKind, options: FaultOptions, params: FaultParams = {}): Perturbation {
  const given = (['at', 'after', 'seeded'] as const).filter((k) => options[k] !== undefined)
  if (given.length > 1) {
    throw new InputError(`${fault} takes one position`, {
      path: fault,
      expected: 'one of at, after, seeded',
      found: given.join(' and '),
    })
  }
  const { at, after } = options
  if (at !== undefined && (!Number.isInteger(at) || at < 0)) {
    throw new InputError(`invalid ${fault} position`, { path: `${fault}.at`, expected: 'an integer >= 0', found: String(at) })
  }
  if (after !== undefined && !(Number.isFinite(after) && after >= 0 && after <= 1)) {
    throw new InputError(`invalid ${fault} position`, {
      path: `${fault}.after`,
      expected: 'a fraction between 0 and 1 (or 0%..100%)',
      found: String(after),
    })
  }
  if (options.seeded !== undefined && options.seeded !== true) {
    throw new InputError(`invalid ${fault} position`, { path: `${fault}.seeded`, expected: 'true', found: String(options.seeded) })
  }
  return (steps, rng) => {
    const count = steps.reduce((n, s) => n + (s.kind === 'event' ? 1 : 0), 0)
    const k = position(fault, count, at, after, rng)
    const step: FaultStep = Object.keys(params).length > 0 ? { kind: 'fault', fault, params } : { kind: 'fault', fault }
    return insertAfterEvents(steps, k, step)
  }
}

function position(fault: string, count: number, at: number | undefined, after: number | undefined, rng: Rng): number {
  if (at !== undefined) {
    if (at > count) {
      throw new InputError(`${fault} is past the end of the stream`, {
        path: `${fault}.at`,
        expected: `at most ${count} (the number of events in the stream)`,
        found: String(at),
      })
    }
    return at
  }
  // the epsilon keeps 29% of 100 at 29 (0.29 * 100 is 28.999999999999996 in floating point)
  if (after !== undefined) return Math.floor(after * count + 1e-9)
  return count < 2 ? count : rng.int(1, count - 1)
}

function insertAfterEvents(steps: readonly Step[], k: number, fault: FaultStep): Step[] {
  const out: Step[] = []
  let seen = 0
  let placed = false
  for (const step of steps) {
    if (!placed && step.kind === 'event' && seen === k) {
      out.push(fault)
      placed = true
    }
    if (step.kind === 'event') seen++
    out.push(step)
  }
  if (!placed) out.push(fault)
  return out
}
