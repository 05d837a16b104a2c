import type { FaultKind } from '../perturb/step.ts'

/** What made a placed SUT fault fire (see placement.ts). */
export type FaultTrigger = 'output-visible' | 'offset-committed' | 'random' | 'bound' | 'immediate'

/** One fault step as it was carried out: the report draws and prints these. */
export interface FaultRecord {
  kind: FaultKind
  /** plan position of the last event produced before the step (-1: before any) */
  afterSeq: number
  /** the SUT instance the step hit (crash-sut, pause-sut) */
  instance?: number
  /** output records visible (read_uncommitted) when the step fired */
  outputsAtKill: number
  /** what the step waited for before it fired */
  trigger?: FaultTrigger
  /** group members removed at once (crash-sut, pause-sut with evict); `note` says why none were */
  evicted?: { members: number; note?: string }
  /** pause-sut / pause-broker: how long the instance or node stayed stopped, ms */
  pausedMs?: number
  /** scale-sut: instances before and after */
  scaled?: { from: number; to: number }
  /** crash-sut / restart-broker / kill-broker: from the kill to ready again, ms */
  downMs?: number
  /** broker and network steps: the node the step resolved to, and the role that named it (network without a broker: every broker) */
  broker?: { id: number; role?: string }
  /** network: the fault, as said (`delay 500 ms`) */
  network?: string
  /** network: how long the fault was on, ms */
  lastedMs?: number
  /** broker and network steps: the plan position the replay had reached when the fault ended (the report's band ends there) */
  untilSeq?: number
}
