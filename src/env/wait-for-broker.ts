import { EnvironmentError } from '../errors.ts'
import { kafkaFor } from './client.ts'
import type { Connection } from './environment.ts'

/**
 * Ready means an admin client sees the broker. With `warm`, the group and transaction coordinators are
 * also brought up (they create `__consumer_offsets` and `__transaction_state` on first use), so the
 * first test does not pay for that.
 */
export async function waitForBroker(conn: Connection, opts: { warm: boolean; timeoutMs?: number }): Promise<void> {
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
        if (opts.warm) await warmCoordinators(conn)
      })(),
      deadline,
    ])
  } finally {
    clearTimeout(timer)
    await admin.disconnect().catch(() => undefined)
  }
}

async function warmCoordinators(conn: Connection): Promise<void> {
  const kafka = kafkaFor(conn, 'stream-test-warmup')
  const producer = kafka.producer({ transactionalId: `stream-test-warmup-${process.pid}`, idempotent: true, maxInFlightRequests: 1 })
  const admin = kafka.admin()
  try {
    // describeGroups finds the group coordinator, which creates __consumer_offsets;
    // a transactional producer's InitProducerId creates __transaction_state
    // kafkajs retries DescribeGroups on the coordinator it found first; in a cluster whose offsets topic is
    // still electing leaders that one answers NOT_COORDINATOR for a while, so the whole call is repeated
    const until = Date.now() + 30_000
    const describe = async (): Promise<void> => {
      for (;;) {
        try {
          await admin.describeGroups(['stream-test-warmup'])
          return
        } catch (err) {
          const retriable = (err as { retriable?: boolean }).retriable || /coordinator/i.test((err as Error).message)
          if (!retriable || Date.now() > until) throw err
        }
      }
    }
    // kafkajs sends InitProducerId (which creates __transaction_state) at the first transaction, not at connect
    const initTransactions = async (): Promise<void> => {
      await producer.connect()
      await (await producer.transaction()).abort()
    }
    await Promise.all([admin.connect().then(describe), initTransactions()])
  } finally {
    await Promise.all([producer.disconnect(), admin.disconnect()])
  }
}
