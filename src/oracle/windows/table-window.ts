import type { ProduceOp } from '../../replay/plan.ts'
import type { ExpectedWindow } from './expected-types.ts'
import type { RecordChains } from './record-chains.ts'

/**
 * A window read from the table: its record lists are made from the chains the first time they are read
 * (reading every window of a million, for its key and value, then makes no arrays of records).
 */
export class TableWindow implements ExpectedWindow {
  readonly key: string
  readonly start: number
  readonly end: number
  readonly value: unknown
  partition?: number
  boundary?: true
  private readonly chains: RecordChains
  /** the heads of the member, dropped and grace-member chains */
  private readonly heads: readonly [number, number, number]
  private lists: { members: ProduceOp[]; dropped: ProduceOp[]; graceMembers: ProduceOp[] } | undefined

  constructor(key: string, start: number, end: number, value: unknown, chains: RecordChains, heads: readonly [number, number, number]) {
    this.key = key
    this.start = start
    this.end = end
    this.value = value
    this.chains = chains
    this.heads = heads
  }

  get members(): ProduceOp[] {
    return this.made().members
  }
  get dropped(): ProduceOp[] {
    return this.made().dropped
  }
  get graceMembers(): ProduceOp[] {
    return this.made().graceMembers
  }

  private made() {
    this.lists ??= { members: this.chains.toArray(this.heads[0]), dropped: this.chains.toArray(this.heads[1]), graceMembers: this.chains.toArray(this.heads[2]) }
    return this.lists
  }
}
