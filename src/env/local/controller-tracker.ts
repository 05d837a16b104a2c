/**
 * The active KRaft controller, read from the nodes' QuorumState log lines. Clients cannot ask a KRaft
 * cluster for it (brokers answer Metadata and DescribeCluster with a random broker as "controller"), and
 * the harness speaks no DescribeQuorum; each voter logs its own transitions, with the epoch, so the
 * leader of the highest epoch seen is the active controller.
 */
export class ControllerTracker {
  private leader: { id: number; epoch: number } | undefined
  private readonly waiters = new Set<() => void>()

  /** Feed one log line of node `nodeId`. */
  onLine(nodeId: number, line: string): void {
    const m = TRANSITION.exec(line)
    if (!m) return
    const epoch = Number(m[2])
    if (m[1] === 'Leader' && (!this.leader || epoch >= this.leader.epoch)) {
      this.leader = { id: nodeId, epoch }
      for (const w of this.waiters) w()
    } else if (this.leader && epoch > this.leader.epoch) {
      // a newer epoch began without us seeing its leader yet
      this.leader = undefined
    }
  }

  /** The node that is leader of the newest epoch seen, if any. */
  current(): { id: number; epoch: number } | undefined {
    return this.leader
  }

  /** Wait until some node reports itself leader (after start or after the leader died). */
  wait(timeoutMs: number, accept: (id: number) => boolean = () => true): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.leader && accept(this.leader.id)) done(undefined, this.leader.id)
      }
      const timer = setTimeout(() => done(new Error(`no KRaft controller leader reported within ${timeoutMs} ms`)), timeoutMs)
      const done = (err?: Error, id?: number): void => {
        clearTimeout(timer)
        this.waiters.delete(check)
        if (err) reject(err)
        else resolve(id!)
      }
      this.waiters.add(check)
      check()
    })
  }
}

/** `Completed transition to Leader(localVoterNode=…, epoch=3, …) from …`; other states carry `epoch=` too. */
const TRANSITION = /Completed transition to (\w+?)(?:State)?\(.*?\bepoch=(\d+)/
