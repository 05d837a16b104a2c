import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import type { Admin, Kafka } from 'kafkajs'
import type { Connection } from '../env/environment.ts'
import { kafkaFor } from '../env/client.ts'
import { EnvironmentError } from '../errors.ts'
import { registryFor } from '../kafka/index.ts'

/**
 * The cluster a backfill reads from, and only reads: an admin for metadata (list topics, end offsets,
 * offsets for times, cluster id) and clients for read-only consumers. No producer is ever made here.
 * `close()` (or `await using`) disconnects the admin; a second close does nothing more.
 */
export interface SourceCluster extends AsyncDisposable {
  connection: Connection
  kafka: Kafka
  admin: Admin
  registry?: SchemaRegistry
  clusterId: string
  /** the brokers as the cluster advertises them, host:port */
  advertised: string[]
  close(): Promise<void>
}

export async function openSourceCluster(connection: Connection): Promise<SourceCluster> {
  const kafka = kafkaFor(connection, 'stream-test-backfill-source')
  const admin = kafka.admin()
  let described: Awaited<ReturnType<Admin['describeCluster']>>
  try {
    await admin.connect()
    described = await admin.describeCluster()
  } catch (err) {
    // an open that failed leaves no client behind
    await admin.disconnect().catch(() => undefined)
    throw new EnvironmentError(`cannot reach the source cluster at ${connection.brokers.join(',')}: ${(err as Error).message}`, 'ST_CONNECT', { cause: err })
  }
  const { clusterId, brokers } = described
  let closed: Promise<void> | undefined
  const close = (): Promise<void> => (closed ??= admin.disconnect())
  return {
    connection,
    kafka,
    admin,
    ...(connection.registryUrl ? { registry: registryFor(connection) } : {}),
    clusterId,
    advertised: brokers.map((b) => `${b.host}:${b.port}`),
    close,
    [Symbol.asyncDispose]: close,
  }
}

/**
 * The SUTs must never run on the source cluster: their topics, producers and groups would be created
 * there. Compares what the clusters say about themselves (cluster id and advertised brokers), so
 * another address of the same cluster is caught too. (The cluster id alone is not enough: local brokers
 * formatted from one cached template share it.)
 */
export async function assertNotSource(source: SourceCluster, target: Admin, targetBrokers: readonly string[]): Promise<void> {
  const { clusterId, brokers } = await target.describeCluster()
  const shared = brokers.map((b) => `${b.host}:${b.port}`).filter((b) => source.advertised.includes(b))
  if (clusterId === source.clusterId && shared.length > 0) {
    throw new EnvironmentError(
      `the environment for the new SUT (${targetBrokers.join(',')}) is the source cluster (${source.connection.brokers.join(',')}, cluster id ${clusterId}); ` +
        'a dry-run never creates topics or produces there: run the SUT on the default local environment, or on a separate cluster with --env external --shadow-prefix',
      'ST_BACKFILL_SOURCE',
    )
  }
}
