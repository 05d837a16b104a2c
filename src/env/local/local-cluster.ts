import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EnvironmentError, InputError } from '../../errors.ts'
import { log } from '../../log.ts'
import { onExitRemove } from '../../process/exit-guard.ts'
import type { NodeInfo } from '../environment.ts'
import { startTcpProxy, type TcpProxy } from '../proxy/index.ts'
import type { StartupClock } from '../startup-clock.ts'
import { CLUSTER_LOG4J2_PROPERTIES, clusterNodeProperties, jvmOptions, READY_LINE, type ClusterNodeSpec } from './broker-config.ts'
import { copyNodeStorage } from './cluster-storage.ts'
import { ControllerTracker } from './controller-tracker.ts'
import { freePorts } from './free-port.ts'
import { spawnJvm, type JvmProcess } from './jvm-process.ts'
import { ensureKafkaJars, KAFKA_VERSION } from './kafka-jars.ts'
import { ensureFormattedTemplate } from './local-kafka.ts'
import { javaCommand, requireCommand } from './tools.ts'

export interface LocalClusterOptions {
  version?: string
  /** brokers (default 3) */
  nodes?: number
  /** `combined`: every node is broker and controller (default); `dedicated`: one controller-only node more */
  controllers?: 'combined' | 'dedicated'
  /** a TCP proxy in front of every broker, advertised to clients (default true) */
  proxy?: boolean
  startTimeoutMs?: number
  progress?: (line: string) => void
  /** marks the steps of the start (jars, each node up, controller) */
  clock?: StartupClock
}

export interface ClusterNode {
  readonly spec: ClusterNodeSpec
  readonly proxy: TcpProxy | undefined
  /** the proxy in front of its REPLICATION listener, which the other brokers fetch its partitions through (with proxies and more than one broker) */
  readonly replicationProxy?: TcpProxy | undefined
  jvm: JvmProcess | undefined
  state: NodeInfo['state']
}

export interface LocalCluster {
  /** harness bootstrap list (direct listeners) */
  brokers: string[]
  /** SUT bootstrap list (the proxies; the direct CLIENT listeners without proxies) */
  sutBrokers: string[]
  dir: string
  nodes: ClusterNode[]
  controller: ControllerTracker
  info(): NodeInfo[]
  node(id: number): ClusterNode
  /** start a node that is down; resolves on its "Kafka Server started" */
  start(id: number): Promise<void>
  /** SIGKILL (or SIGTERM, graceful) a node; it is down afterwards */
  halt(id: number, signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>
  pause(id: number): Promise<void>
  resume(id: number): Promise<void>
  stop(): Promise<void>
}

const java = javaCommand()
const HOST = '127.0.0.1'

export function checkNodeCount(nodes: unknown, flag = 'nodes'): number {
  if (typeof nodes !== 'number' || !Number.isInteger(nodes) || nodes < 1 || nodes > 9) {
    throw new InputError(`bad ${flag} "${String(nodes)}"`, { expected: 'an integer 1-9 (Kafka brokers of the local environment)' })
  }
  return nodes
}

/** Boot an N-node KRaft cluster from the cached Apache Kafka jars: free ports, one data dir per node. */
export async function startLocalCluster(opts: LocalClusterOptions = {}): Promise<LocalCluster> {
  const count = checkNodeCount(opts.nodes ?? 3)
  requireCommand('java')
  const jars = await ensureKafkaJars(opts.version ?? KAFKA_VERSION, opts.progress)
  const template = await ensureFormattedTemplate(jars)
  opts.clock?.mark('jars and formatted storage')
  const archive = join(jars.dir, 'kafka.jsa')
  const useArchive = existsSync(archive) && process.env.ST_NO_CDS !== '1'
  const timeout = opts.startTimeoutMs ?? 60_000
  const dir = await mkdtemp(join(tmpdir(), 'stream-test-kafka-'))
  const forgetDir = onExitRemove(dir)
  const controller = new ControllerTracker()
  const nodes: ClusterNode[] = []

  const stopAll = async (): Promise<void> => {
    await Promise.all(nodes.map(async (n) => {
      await n.jvm?.kill('SIGKILL')
      await n.proxy?.close()
      await n.replicationProxy?.close()
    }))
    await rm(dir, { recursive: true, force: true })
    forgetDir()
  }

  const proxies: TcpProxy[] = []
  try {
    // proxies first (they hold their ports from now on), then the nodes' ports, all chosen at once: a port
    // released by one step can never be handed to the next
    const dedicated = opts.controllers === 'dedicated'
    const targets = Array.from({ length: count }, () => ({ host: HOST, port: 0 }))
    for (const t of opts.proxy !== false ? targets : []) proxies.push(await startTcpProxy(t))
    // replication between brokers through proxies too, so that a network step can hold a leader's followers back
    const replicationTargets = opts.proxy !== false && count > 1 ? Array.from({ length: count }, () => ({ host: HOST, port: 0 })) : []
    const replicationProxies: TcpProxy[] = []
    for (const t of replicationTargets) replicationProxies.push(await startTcpProxy(t))
    proxies.push(...replicationProxies)
    const ports = await freePorts(count * (dedicated ? 2 : 3) + replicationTargets.length + (dedicated ? 1 : 0))
    const specs: ClusterNodeSpec[] = []
    for (let id = 1; id <= count; id++) {
      const spec: ClusterNodeSpec = { id, roles: dedicated ? 'broker' : 'broker,controller', clientPort: ports.pop()!, harnessPort: ports.pop()!,
        ...(dedicated ? {} : { controllerPort: ports.pop()! }) }
      targets[id - 1]!.port = spec.clientPort!
      const proxy = proxies[id - 1]
      if (proxy) spec.advertisedPort = proxy.port
      const replicationProxy = replicationProxies[id - 1]
      if (replicationProxy) {
        spec.replicationPort = ports.pop()!
        replicationTargets[id - 1]!.port = spec.replicationPort
        spec.replicationAdvertisedPort = replicationProxy.port
      }
      specs.push(spec)
      nodes.push({ spec, proxy, replicationProxy, jvm: undefined, state: 'down' })
    }
    if (dedicated) {
      const spec: ClusterNodeSpec = { id: count + 1, roles: 'controller', controllerPort: ports.pop()! }
      specs.push(spec)
      nodes.push({ spec, proxy: undefined, jvm: undefined, state: 'down' })
    }
    await Promise.all(specs.map(async (spec) => {
      const nodeDir = join(dir, `node-${spec.id}`)
      await mkdir(nodeDir)
      await copyNodeStorage(template, join(nodeDir, 'data'), spec.id)
      await writeFile(join(nodeDir, 'server.properties'), clusterNodeProperties(spec, specs, join(nodeDir, 'data'), HOST))
      await writeFile(join(nodeDir, 'log4j2.properties'), CLUSTER_LOG4J2_PROPERTIES)
    }))
  } catch (err) {
    await Promise.all(proxies.filter((p) => !nodes.some((n) => n.proxy === p || n.replicationProxy === p)).map((p) => p.close()))
    await stopAll()
    throw err
  }

  const node = (id: number): ClusterNode => {
    const n = nodes.find((x) => x.spec.id === id)
    if (!n) throw new InputError(`no node ${id} in the local cluster`, { expected: nodes.map((x) => x.spec.id).join(' | '), found: String(id) })
    return n
  }

  async function start(id: number): Promise<void> {
    const n = node(id)
    if (n.state !== 'down') return
    const nodeDir = join(dir, `node-${id}`)
    const args = [...jvmOptions({ log4jFile: join(nodeDir, 'log4j2.properties'), clientCompilerOnly: true, ...(useArchive ? { archive } : {}) }),
      '-cp', jars.classpath, 'kafka.Kafka', join(nodeDir, 'server.properties')]
    const jvm = spawnJvm(java, args, nodeDir, (line) => {
      controller.onLine(id, line)
      log().debug({ node: id }, line)
    }, dir)
    n.jvm = jvm
    n.state = 'up'
    void jvm.exited.then(() => {
      if (n.jvm === jvm) n.state = 'down'
    })
    try {
      await jvm.waitFor(READY_LINE, timeout, `Kafka ${jars.version} node ${id}`)
    } catch (err) {
      await jvm.kill()
      throw err
    }
    await n.proxy?.brokerUp()
    await n.replicationProxy?.brokerUp()
  }

  try {
    opts.clock?.mark('ports, proxies, node dirs')
    await Promise.all(nodes.map(async (n) => {
      await start(n.spec.id)
      opts.clock?.mark(`node ${n.spec.id} started`)
    }))
    await controller.wait(timeout)
    opts.clock?.mark('KRaft controller elected')
  } catch (err) {
    await stopAll()
    throw err
  }

  let stopped: Promise<void> | undefined
  const brokerNodes = nodes.filter((n) => n.spec.roles !== 'controller')
  return {
    brokers: brokerNodes.map((n) => `${HOST}:${n.spec.harnessPort}`),
    sutBrokers: brokerNodes.map((n) => `${HOST}:${n.spec.advertisedPort ?? n.spec.clientPort}`),
    dir,
    nodes,
    controller,
    node,
    info: () => nodes.map((n) => ({
      id: n.spec.id,
      roles: n.spec.roles,
      state: n.state,
      ...(n.spec.harnessPort !== undefined ? { harnessAddress: `${HOST}:${n.spec.harnessPort}`, sutAddress: `${HOST}:${n.spec.advertisedPort ?? n.spec.clientPort}` } : {}),
      ...(n.state !== 'down' && n.jvm?.child.pid !== undefined ? { pid: n.jvm.child.pid } : {}),
    })),
    start: (id) => {
      if (stopped) throw new EnvironmentError('cannot start a node of a stopped cluster')
      return start(id)
    },
    async halt(id, signal = 'SIGKILL') {
      const n = node(id)
      if (n.state === 'down' || !n.jvm) return
      // a stopped JVM would keep a SIGTERM pending forever: continue it first
      if (n.state === 'paused') await n.jvm.signalJvm('SIGCONT')
      await n.jvm.kill(signal, 15_000)
      n.state = 'down'
      // a dead broker's address refuses connections; a proxy that accepted them and closed them at once
      // would tell clients something no real dead broker says
      await n.proxy?.brokerDown()
      await n.replicationProxy?.brokerDown()
    },
    async pause(id) {
      const n = node(id)
      if (n.state !== 'up' || !n.jvm) throw new EnvironmentError(`cannot pause node ${id}: it is ${n.state}`, 'ST_NODE_STATE')
      if (await n.jvm.signalJvm('SIGSTOP')) n.state = 'paused'
    },
    async resume(id) {
      const n = node(id)
      if (n.state !== 'paused' || !n.jvm) return
      await n.jvm.signalJvm('SIGCONT')
      n.state = 'up'
    },
    stop: () => (stopped ??= stopAll()),
  }
}
