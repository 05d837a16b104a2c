/** server.properties and log4j2 settings for local KRaft nodes, test-friendly. */
export interface BrokerPorts {
  broker: number
  controller: number
}

type Props = Record<string, string | number | boolean>

/** Settings every local node shares: fast group start, no auto-creation, few threads, no retention. */
function testSettings(): Props {
  return {
    'num.partitions': 1,
    // the default 3 s delay alone would dominate every test
    'group.initial.rebalance.delay.ms': 0,
    'group.min.session.timeout.ms': 1000,
    'auto.create.topics.enable': false,
    // replayed records keep their event time as CreateTime; with the default 7-day retention a broker
    // deletes a fixture recorded last month from the topic it was just replayed into
    'log.retention.ms': -1,
    // two cores: few threads
    'num.network.threads': 2,
    'num.io.threads': 2,
    'background.threads': 2,
    'log.flush.interval.messages': 9223372036854775807n.toString(),
    'log.segment.bytes': 64 * 1024 * 1024,
  }
}

/** Replication of internal topics: `replicas` copies, `minIsr` of them in sync, one partition per node. */
function internalTopics(replicas: number, minIsr: number, partitions: number): Props {
  return {
    'offsets.topic.replication.factor': replicas,
    'offsets.topic.num.partitions': partitions,
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': minIsr,
    'transaction.state.log.num.partitions': partitions,
    'share.coordinator.state.topic.replication.factor': replicas,
    'share.coordinator.state.topic.min.isr': minIsr,
  }
}

function render(props: Props): string {
  return `${Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n')}\n`
}

export function serverProperties(ports: BrokerPorts, dataDir: string, host = '127.0.0.1'): string {
  return render({
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${host}:${ports.controller}`,
    listeners: `PLAINTEXT://${host}:${ports.broker},CONTROLLER://${host}:${ports.controller}`,
    'advertised.listeners': `PLAINTEXT://${host}:${ports.broker}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dataDir,
    // one node: every internal topic has one replica and one partition
    ...internalTopics(1, 1, 1),
    ...testSettings(),
  })
}

/** One node of a local cluster: its id, what it runs, and its ports. */
export interface ClusterNodeSpec {
  id: number
  roles: 'broker,controller' | 'broker' | 'controller'
  controllerPort?: number
  /** the CLIENT listener (what the SUT's clients reach, through `advertisedPort`) */
  clientPort?: number
  /** the address the CLIENT listener advertises: its proxy's port, or `clientPort` without a proxy */
  advertisedPort?: number
  /** the HARNESS listener: the harness's own clients (and replication without `replicationPort`), never behind a proxy */
  harnessPort?: number
  /** the REPLICATION listener (inter-broker), reached by the other brokers through `replicationAdvertisedPort`, its proxy */
  replicationPort?: number
  replicationAdvertisedPort?: number
}

/**
 * A node of an N-node cluster with a static controller quorum. Brokers have two listeners: CLIENT,
 * advertised as its proxy's address so every client that bootstraps there stays behind the proxies, and
 * HARNESS, advertised as itself, for the harness's clients and for replication between brokers.
 */
export function clusterNodeProperties(node: ClusterNodeSpec, voters: ClusterNodeSpec[], dataDir: string, host = '127.0.0.1'): string {
  const brokers = voters.length === 0 ? 1 : Math.max(1, voters.filter((v) => v.roles !== 'controller').length)
  const listeners: string[] = []
  const advertised: string[] = []
  if (node.roles !== 'controller') {
    listeners.push(`CLIENT://${host}:${node.clientPort}`, `HARNESS://${host}:${node.harnessPort}`)
    advertised.push(`CLIENT://${host}:${node.advertisedPort ?? node.clientPort}`, `HARNESS://${host}:${node.harnessPort}`)
    if (node.replicationPort !== undefined) {
      listeners.push(`REPLICATION://${host}:${node.replicationPort}`)
      advertised.push(`REPLICATION://${host}:${node.replicationAdvertisedPort ?? node.replicationPort}`)
    }
  }
  if (node.roles !== 'broker') listeners.push(`CONTROLLER://${host}:${node.controllerPort}`)
  const replicas = Math.min(3, brokers)
  const minIsr = Math.min(2, replicas)
  return render({
    'process.roles': node.roles,
    'node.id': node.id,
    'controller.quorum.voters': voters.filter((v) => v.roles !== 'broker').map((v) => `${v.id}@${host}:${v.controllerPort}`).join(','),
    listeners: listeners.join(','),
    ...(advertised.length > 0 ? { 'advertised.listeners': advertised.join(',') } : {}),
    'controller.listener.names': 'CONTROLLER',
    ...(node.roles !== 'controller' ? { 'inter.broker.listener.name': replicationListener(node, voters) } : {}),
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,CLIENT:PLAINTEXT,HARNESS:PLAINTEXT,REPLICATION:PLAINTEXT',
    'log.dirs': dataDir,
    ...internalTopics(replicas, minIsr, brokers),
    'default.replication.factor': replicas,
    'min.insync.replicas': minIsr,
    'unclean.leader.election.enable': false,
    // a killed broker is fenced, and its partitions get new leaders, after 4 s instead of 9 s
    'broker.session.timeout.ms': 4000,
    'broker.heartbeat.interval.ms': 500,
    ...testSettings(),
  })
}

/** Every broker replicates over the same listener: REPLICATION when they all have one, else HARNESS. */
function replicationListener(node: ClusterNodeSpec, voters: ClusterNodeSpec[]): string {
  const brokers = [node, ...voters].filter((v) => v.roles !== 'controller')
  return brokers.every((b) => b.replicationPort !== undefined) ? 'REPLICATION' : 'HARNESS'
}

/** Console logging: warnings from Kafka, plus the one INFO line that says the server started. */
export const LOG4J2_PROPERTIES = `status = error
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
`

/** Cluster nodes also log their KRaft quorum transitions: the active controller is read from them. */
export const CLUSTER_LOG4J2_PROPERTIES = `${LOG4J2_PROPERTIES}logger.quorum.name = org.apache.kafka.raft.QuorumState
logger.quorum.level = INFO
`

export const READY_LINE = /Kafka Server started/

/** JVM flags for a small, fast-starting broker on two cores. */
export function jvmOptions(opts: { archive?: string; createArchive?: string; log4jFile: string; clientCompilerOnly?: boolean }): string[] {
  const flags = ['-Xms256m', '-Xmx768m', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${opts.log4jFile}`]
  // The nodes of a cluster JIT-compile with C1 only. Three JVMs starting at once on two cores spend much
  // of their start in C2 compiler threads; without them a 3-node cluster is ready in 7.4 s instead of
  // 11.7 s (median of 3, quiet machine, 2026-12-04), and a killed node restarts sooner. The code they
  // run is slower once warm, which a cluster for fault tests does not need; the one-node broker, where
  // replay throughput is measured, keeps both compilers.
  if (opts.clientCompilerOnly) flags.push('-XX:TieredStopAtLevel=1')
  if (opts.archive) flags.push(`-XX:SharedArchiveFile=${opts.archive}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off')
  if (opts.createArchive) flags.push(`-XX:ArchiveClassesAtExit=${opts.createArchive}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off')
  return flags
}
