import { InputError } from '../../errors.ts'
import { startEmbeddedRegistry } from '../registry/index.ts'
import type { Connection, Environment } from '../environment.ts'
import { StartupClock } from '../startup-clock.ts'
import { waitForBroker } from '../wait-for-broker.ts'
import { clusterControls } from './cluster-environment.ts'
import { startLocalCluster, type LocalClusterOptions } from './local-cluster.ts'
import { startLocalKafka, type LocalKafkaOptions } from './local-kafka.ts'

export type LocalEnvironmentOptions = LocalKafkaOptions & {
  registryPort?: number
  /**
   * KRaft nodes (default 1). With more than one, or with `proxy`, the environment is a cluster: each
   * node can be killed, paused and restarted (`cluster`), and the SUT reaches the brokers through
   * proxies that can be faulted (`network`).
   */
  nodes?: number
  /** proxies in front of the brokers (default: on for more than one node) */
  proxy?: boolean
  controllers?: NonNullable<LocalClusterOptions['controllers']>
}

interface Kafka {
  connection: Omit<Connection, 'registryUrl'>
  stop(): Promise<void>
  extra(conn: Connection): Pick<Environment, 'restartBroker' | 'cluster' | 'network'> & { close?(): Promise<void> }
}

async function startKafka(opts: LocalEnvironmentOptions, clock: StartupClock): Promise<Kafka> {
  const nodes = opts.nodes ?? 1
  if (nodes === 1 && !opts.proxy) {
    const kafka = await startLocalKafka(opts)
    clock.mark('node 1 started')
    return {
      connection: { kind: 'local', brokers: kafka.brokers },
      stop: () => kafka.stop(),
      extra: (conn) => ({ restartBroker: () => kafka.restart().then(() => waitForBroker(conn, { warm: false })) }),
    }
  }
  if (opts.port !== undefined) throw new InputError(`--port sets the port of a one-node environment; with ${nodes} nodes every port is a free one`)
  const cluster = await startLocalCluster({ ...opts, nodes, proxy: opts.proxy ?? true, clock })
  return {
    connection: { kind: 'local', brokers: cluster.brokers, ...(opts.proxy === false ? {} : { sutBrokers: cluster.sutBrokers }) },
    stop: () => cluster.stop(),
    extra: (conn) => {
      const controls = clusterControls(cluster, conn)
      return { cluster: controls.cluster, ...(controls.network ? { network: controls.network } : {}), restartBroker: controls.restartAll, close: controls.close }
    },
  }
}

/** `local`: Apache Kafka from Maven Central as KRaft JVMs (one node, or a cluster), plus the embedded schema registry. */
export async function startLocalEnvironment(opts: LocalEnvironmentOptions = {}): Promise<Environment> {
  const clock = new StartupClock()
  const kafka = await startKafka(opts, clock)
  let registry: Awaited<ReturnType<typeof startEmbeddedRegistry>> | undefined
  try {
    registry = await startEmbeddedRegistry(opts.registryPort !== undefined ? { port: opts.registryPort } : {})
    const connection: Connection = { ...kafka.connection, registryUrl: registry.url }
    await waitForBroker(connection, { warm: true, clock })
    const { close, ...extra } = kafka.extra(connection)
    let stopped: Promise<void> | undefined
    const stop = (): Promise<void> => (stopped ??= (close?.() ?? Promise.resolve()).then(() => Promise.all([kafka.stop(), registry?.stop()])).then(() => undefined))
    return { connection, stop, ...extra, startup: clock.phases(), [Symbol.asyncDispose]: stop }
  } catch (err) {
    await Promise.all([kafka.stop(), registry?.stop()])
    throw err
  }
}
