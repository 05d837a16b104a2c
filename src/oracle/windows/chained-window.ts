import type { ProduceOp } from '../../replay/plan.ts'
import type { ExpectedWindow } from './expected-types.ts'
import type { RecordChains } from './record-chains.ts'

interface Lists {
  members: ProduceOp[]
  dropped: ProduceOp[]
  graceMembers: ProduceOp[]
}

/**
 * An ExpectedWindow whose record lists live in RecordChains (a WindowTable's): the lists become arrays
 * the first time they are read (by the judge or an explanation); from then on they are ordinary arrays,
 * mutable as ExpectedWindow's are.
 */
export class ChainedWindow implements ExpectedWindow {
  private lists: Lists | undefined
  key: string
  start: number
  end: number
  value: unknown
  partition: number
  private readonly chains: RecordChains
  /** the heads of the member, dropped and grace-member chains */
  private readonly heads: readonly [number, number, number]

  constructor(
    key: string,
    start: number,
    end: number,
    value: unknown,
    partition: number,
    chains: RecordChains,
    heads: readonly [number, number, number],
  ) {
    this.key = key
    this.start = start
    this.end = end
    this.value = value
    this.partition = partition
    this.chains = chains
    this.heads = heads
  }

  get members(): ProduceOp[] {
    return this.materialized().members
  }
  set members(ops: ProduceOp[]) {
    this.materialized().members = ops
  }
  get dropped(): ProduceOp[] {
    return this.materialized().dropped
  }
  set dropped(ops: ProduceOp[]) {
    this.materialized().dropped = ops
  }
  get graceMembers(): ProduceOp[] {
    return this.materialized().graceMembers
  }
  set graceMembers(ops: ProduceOp[]) {
    this.materialized().graceMembers = ops
  }

  private materialized(): Lists {
    this.lists ??= {
      members: this.chains.toArray(this.heads[0]),
      dropped: this.chains.toArray(this.heads[1]),
      graceMembers: this.chains.toArray(this.heads[2]),
    }
    return this.lists
  }
}
