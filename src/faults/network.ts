import { EnvironmentError } from '../errors.ts'
import type { NetworkFault } from '../env/index.ts'
import type { NetworkParams } from '../perturb/index.ts'
import type { FaultOp } from '../replay/plan.ts'
import { holdUntilEnd, placedRecord } from './broker.ts'
import { resolveBroker, type ResolvedBroker } from './broker-target.ts'
import type { FaultContext } from './context.ts'
import type { FaultRecord } from './record.ts'

/** The proxy's fault for a step's parameters. */
export function proxyFault(n: NetworkParams): NetworkFault {
  switch (n.fault) {
    case 'delay':
      return { kind: 'delay', ms: n.ms, ...(n.direction ? { direction: n.direction } : {}) }
    case 'stall':
      return { kind: 'stall', ...(n.direction ? { direction: n.direction } : {}) }
    case 'cut':
      return { kind: 'cut' }
    case 'one-way':
      return { kind: 'one-way', drop: n.drop }
  }
}

/** `delay 500 ms to-broker`, `cut`, `stall of replication`: a network fault as the report says it. */
export function describeNetwork(n: NetworkParams): string {
  return `${describeFault(n)}${n.link === 'replication' ? ' of replication' : ''}`
}

function describeFault(n: NetworkParams): string {
  switch (n.fault) {
    case 'delay':
      return `delay ${n.ms} ms${n.direction ? ` ${n.direction}` : ''}`
    case 'stall':
      return `stall${n.direction ? ` ${n.direction}` : ''}`
    case 'cut':
      return 'cut'
    case 'one-way':
      return `one-way (drop ${n.drop})`
  }
}

/**
 * `network`: a fault on the SUT's connections at one broker's proxy (or every broker's) for `for`; the
 * harness's own clients go to the brokers directly and keep seeing the truth. With `link: replication`
 * the fault is on the other brokers' replication fetches from that broker instead (its followers fall
 * behind while it goes on acknowledging acks=1 writes). Placed like a broker step (by default at the
 * first effect of event N); the replay goes on meanwhile.
 */
export async function networkStep(ctx: FaultContext, op: FaultOp): Promise<FaultRecord> {
  const params = op.params?.network
  if (!params) throw new Error(`network at plan step ${op.seq} has no fault`)
  if (!ctx.network) {
    throw new EnvironmentError('network: this environment has no proxies in front of its brokers (a local environment has: --env local, or environment: { nodes } in the scenario)', 'ST_NO_PROXY')
  }
  const placed = await placedRecord(ctx, op)
  const target = op.params?.target
  const broker: ResolvedBroker | 'all' = !target || 'all' in target ? 'all' : await resolveBroker(ctx, op)
  const record: FaultRecord = { ...placed, network: describeNetwork(params), ...(broker === 'all' ? {} : { broker }) }
  const on = Date.now()
  const off = await ctx.network.fault(broker === 'all' ? 'all' : broker.id, proxyFault(params), params.link ?? 'clients')
  await holdUntilEnd(ctx, op, `network:${op.seq}`, record, on, off, 'lastedMs')
  return record
}
