import { EnvironmentError } from '../errors.ts'
import { kafkaFor } from './client.ts'
import type { Connection } from './environment.ts'
import type { StartupClock } from './startup-clock.ts'

/**
 * Ready means an admin client sees the broker. With `warm`, the group and transaction coordinators are
 * also brought up (they create `__consumer_offsets` and `__transaction_state` on first use), so the
 * first test does not pay for that.
 */
export async function waitForBroker(conn: Connection, opts: { warm: boolean; timeoutMs?: number; clock?: StartupClock }): Promise<void> {
  const kafka = kafkaFor(conn, 'stream-test-ready')
  const admin = kafka.admin()
  const timeoutMs = opts.timeoutMs ?? 30_000
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EnvironmentError(`broker ${conn.brokers.join(',')} not reachable by an admin client after ${timeoutMs} ms`, 'ST_NOT_READY')),
      timeoutMs,
    )
  })
  try {
    await Promise.race([
      (async () => {
        await admin.connect()
        await admin.describeCluster()
        opts.clock?.mark('admin sees the brokers')
        if (opts.warm) await warmCoordinators(conn, opts.clock)
      })(),
      deadline,
    ])
  } finally {
    clearTimeout(timer)
    await admin.disconnect().catch(() => undefined)
  }
}

async function warmCoordinators(conn: Connection, clock: StartupClock | undefined): Promise<void> {
  // the coordinators come up within seconds of each other; a short, flat backoff asks again every 100 ms
  // instead of waiting out the default backoff's growing steps (up to 2 s past the moment it was ready)
  const kafka = kafkaFor(conn, 'stream-test-warmup', { initialRetryTime: 100, maxRetryTime: 100, factor: 0, multiplier: 1, retries: 10 })
  const producer = kafka.producer({ transactionalId: `stream-test-warmup-${process.pid}`, idempotent: true, maxInFlightRequests: 1 })
  const admin = kafka.admin()
  try {
    // describeGroups finds the group coordinator, which creates __consumer_offsets; kafkajs sends
    // InitProducerId (which creates __transaction_state) at a producer's first transaction, not at connect
    const until = Date.now() + 30_000
    const initTransactions = async (): Promise<void> => {
      await producer.connect()
      let tx: Awaited<ReturnType<typeof producer.transaction>> | undefined
      await retryCoordinator(async () => (tx = await producer.transaction()), until)
      await tx?.abort()
      clock?.mark('transaction coordinator warm')
    }
    const describe = (): Promise<unknown> => admin.describeGroups(['stream-test-warmup'])
    await Promise.all([admin.connect().then(() => retryCoordinator(describe, until)).then(() => clock?.mark('group coordinator warm')), initTransactions()])
  } finally {
    await Promise.all([producer.disconnect(), admin.disconnect()])
  }
}

/**
 * kafkajs retries a coordinator request on the coordinator it found first, and gives up after its few
 * retries; while a cluster's internal topics are still electing leaders (or a loaded machine is slow to
 * load them) the coordinator answers NOT_COORDINATOR or is not found for longer, so the whole call is
 * repeated until `until`.
 */
async function retryCoordinator(call: () => Promise<unknown>, until: number): Promise<void> {
  for (;;) {
    try {
      await call()
      return
    } catch (err) {
      const retriable = (err as { retriable?: boolean }).retriable || /coordinator/i.test((err as Error).message)
      if (!retriable || Date.now() > until) throw err
    }
  }
}
