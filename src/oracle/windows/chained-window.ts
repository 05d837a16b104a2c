import type { ProduceOp } from '../../replay/plan.ts'
import type { ExpectedWindow } from './expected-types.ts'
import type { RecordChains } from './record-chains.ts'

interface Lists {
  members: ProduceOp[]
  dropped: ProduceOp[]
  graceMembers: ProduceOp[]
}

/**
 * An ExpectedWindow whose record lists live in RecordChains while the engine runs: one small object per
 * window. The lists become arrays the first time they are read (by the judge or an explanation, after
 * the engine is done); from then on they are ordinary arrays, mutable as ExpectedWindow's are.
 */
export class ChainedWindow implements ExpectedWindow {
  private memberHead = -1
  private droppedHead = -1
  private graceHead = -1
  private lists: Lists | undefined

  constructor(
    public key: string,
    public start: number,
    public end: number,
    public value: unknown,
    public partition: number,
    private readonly chains: RecordChains,
  ) {}

  /** a counted record; `grace`: counted only thanks to the grace period */
  addMember(op: ProduceOp, grace: boolean): void {
    if (this.lists !== undefined) throw new Error('internal: a window took a record after its lists were read')
    this.memberHead = this.chains.push(this.memberHead, op)
    if (grace) this.graceHead = this.chains.push(this.graceHead, op)
  }

  addDropped(op: ProduceOp): void {
    if (this.lists !== undefined) throw new Error('internal: a window took a record after its lists were read')
    this.droppedHead = this.chains.push(this.droppedHead, op)
  }

  /** whether any record was counted (without building the list) */
  hasMembers(): boolean {
    return this.lists === undefined ? this.memberHead >= 0 : this.lists.members.length > 0
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
      members: this.chains.toArray(this.memberHead),
      dropped: this.chains.toArray(this.droppedHead),
      graceMembers: this.chains.toArray(this.graceHead),
    }
    return this.lists
  }
}
