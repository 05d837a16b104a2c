/** server.properties and log4j2 settings for one KRaft node (broker + controller), test-friendly. */
export interface BrokerPorts {
  broker: number
  controller: number
}

export function serverProperties(ports: BrokerPorts, dataDir: string, host = '127.0.0.1'): string {
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${host}:${ports.controller}`,
    listeners: `PLAINTEXT://${host}:${ports.broker},CONTROLLER://${host}:${ports.controller}`,
    'advertised.listeners': `PLAINTEXT://${host}:${ports.broker}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': 1,
    // one node: every internal topic has one replica and one partition
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
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
  return `${Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n')}\n`
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

export const READY_LINE = /Kafka Server started/

/** JVM flags for a small, fast-starting broker on two cores. */
export function jvmOptions(opts: { archive?: string; createArchive?: string; log4jFile: string }): string[] {
  const flags = ['-Xms256m', '-Xmx768m', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${opts.log4jFile}`]
  if (opts.archive) flags.push(`-XX:SharedArchiveFile=${opts.archive}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off')
  if (opts.createArchive) flags.push(`-XX:ArchiveClassesAtExit=${opts.createArchive}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off')
  return flags
}
