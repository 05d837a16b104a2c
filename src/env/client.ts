import { Kafka, logLevel, type KafkaConfig, type RetryOptions, type SASLOptions } from 'kafkajs'
import { log } from '../log.ts'
import type { Connection } from './environment.ts'

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1'

/**
 * A KafkaJS client for `conn`, logging through pino. KafkaJS reports every retriable broker answer
 * (coordinator loading, concurrent transactions) as an error; those are debug noise here, so its
 * errors are logged at debug and the harness reports what actually failed.
 */
export function kafkaFor(conn: Connection, clientId = 'stream-test', retry?: RetryOptions): Kafka {
  const config: KafkaConfig = {
    clientId,
    brokers: conn.brokers,
    logLevel: logLevel.ERROR,
    logCreator: () => ({ namespace, label, log: entry }) => {
      const { message, ...rest } = entry
      log().debug({ kafkajs: namespace, kafkajsLevel: label, ...rest }, message)
    },
    // a cluster's broker faults make leaders move: an election waits for the dead broker's session to
    // expire (broker.session.timeout.ms) and clients to learn the new leader, longer than six retries
    // last; the harness must ride it out
    retry: retry ?? { initialRetryTime: 100, maxRetryTime: 2000, retries: conn.sutBrokers ? 25 : 6 },
  }
  if (conn.security?.ssl !== undefined) config.ssl = conn.security.ssl
  if (conn.security?.sasl) config.sasl = conn.security.sasl as SASLOptions
  return new Kafka(config)
}
