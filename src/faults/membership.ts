/**
 * Which consumer-group members belong to which SUT instance, so that a killed or paused instance's
 * members can be removed from the group at once instead of after their session timeout. The runner
 * passes it to `SutInstances` as start hooks; the faults call `evict`.
 */
export interface Membership {
  /** before instance `index` starts: the members that exist now are not its own */
  beforeStart(index: number): Promise<void>
  /** once it is ready: the members that appeared since `beforeStart` are its own */
  afterReady(index: number): Promise<void>
  /** remove instance `index`'s members from the group; how many were removed, or why none */
  evict(index: number): Promise<{ members: number; note?: string }>
}
