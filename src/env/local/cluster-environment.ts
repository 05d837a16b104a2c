import type { Admin, Kafka } from 'kafkajs'
import { EnvironmentError } from '../../errors.ts'
import { waitUntil } from '../../wait-until.ts'
import { kafkaFor } from '../client.ts'
import { resolveRole } from '../cluster/resolve-role.ts'
import type { ClusterControl, Connection, NetworkControl } from '../environment.ts'
import { checkNetworkFault } from '../proxy/index.ts'
import type { LocalCluster } from './local-cluster.ts'

const BACK_TIMEOUT_MS = 60_000

/** The cluster and network capabilities of a local cluster, for the broker and network fault steps. */
export function clusterControls(cluster: LocalCluster, connection: Connection): {
  cluster: ClusterControl
  network: NetworkControl | undefined
  restartAll(): Promise<void>
  close(): Promise<void>
} {
  let clients: { kafka: Kafka; admin: Admin; connected: Promise<void> } | undefined
  const harness = (): { kafka: Kafka; admin: Admin; connected: Promise<void> } => {
    if (!clients) {
      const kafka = kafkaFor(connection, 'stream-test-cluster')
      const admin = kafka.admin()
      clients = { kafka, admin, connected: admin.connect() }
    }
    return clients
  }
  const brokerIds = cluster.nodes.filter((n) => n.spec.roles !== 'controller').map((n) => n.spec.id)

  /** The node is back: its JVM said it started, and the cluster's metadata lists it as a live broker again. */
  async function backInCluster(id: number): Promise<void> {
    if (cluster.node(id).spec.roles === 'controller') {
      await cluster.controller.wait(BACK_TIMEOUT_MS)
      return
    }
    const { admin, connected } = harness()
    await connected
    let seen: number[] = []
    await waitUntil(async () => {
      seen = (await admin.describeCluster().catch(() => ({ brokers: [] as { nodeId: number }[] }))).brokers.map((b) => b.nodeId)
      return seen.includes(id)
    }, { intervalMs: 100, timeoutMs: BACK_TIMEOUT_MS, onTimeout: () => new EnvironmentError(`node ${id} restarted but the cluster did not list it within ${BACK_TIMEOUT_MS} ms (live brokers: ${seen.join(', ') || 'none'})`, 'ST_NODE_NOT_BACK') })
  }

  async function restart(id: number): Promise<void> {
    await cluster.halt(id, 'SIGTERM')
    await cluster.start(id)
    await backInCluster(id)
  }

  const proxied = cluster.nodes.filter((n) => n.proxy)
  const network: NetworkControl | undefined = proxied.length === 0 ? undefined : {
    brokers: () => proxied.map((n) => n.spec.id),
    connections: (id) => cluster.node(id).proxy?.accepted ?? 0,
    async fault(target, fault, link = 'clients') {
      checkNetworkFault(fault)
      const at = target === 'all' ? proxied : [cluster.node(target)]
      const offs = at.map((n) => {
        const proxy = link === 'replication' ? n.replicationProxy : n.proxy
        if (!proxy) {
          throw new EnvironmentError(link === 'replication'
            ? `node ${n.spec.id} has no replication proxy (a one-node environment, or a controller-only node: nothing replicates from it)`
            : `node ${n.spec.id} has no proxy (a controller-only node)`, 'ST_NO_PROXY')
        }
        return proxy.fault(fault)
      })
      return async () => {
        for (const off of offs) off()
      }
    },
  }

  return {
    cluster: {
      nodes: () => cluster.info(),
      resolve: async (role) => {
        const { kafka, admin, connected } = harness()
        await connected
        return resolveRole(role, { kafka, admin, ids: brokerIds, controller: () => cluster.controller.current()?.id })
      },
      kill: (id) => cluster.halt(id, 'SIGKILL'),
      pause: (id) => cluster.pause(id),
      resume: (id) => cluster.resume(id),
      restart,
    },
    network,
    async restartAll() {
      for (const n of cluster.nodes) await restart(n.spec.id)
    },
    async close() {
      if (clients) await clients.admin.disconnect().catch(() => undefined)
    },
  }
}
