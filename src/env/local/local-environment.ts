import { startEmbeddedRegistry } from '../registry/index.ts'
import type { Environment } from '../environment.ts'
import { waitForBroker } from '../wait-for-broker.ts'
import { startLocalKafka, type LocalKafkaOptions } from './local-kafka.ts'

/** `local`: Apache Kafka from Maven Central as a KRaft JVM, plus the embedded schema registry. */
export async function startLocalEnvironment(opts: LocalKafkaOptions & { registryPort?: number } = {}): Promise<Environment> {
  const kafka = await startLocalKafka(opts)
  let registry: Awaited<ReturnType<typeof startEmbeddedRegistry>> | undefined
  try {
    registry = await startEmbeddedRegistry(opts.registryPort !== undefined ? { port: opts.registryPort } : {})
    const connection = { kind: 'local' as const, brokers: kafka.brokers, registryUrl: registry.url }
    await waitForBroker(connection, { warm: true })
    let stopped: Promise<void> | undefined
    const stop = (): Promise<void> => (stopped ??= Promise.all([kafka.stop(), registry?.stop()]).then(() => undefined))
    return {
      connection,
      stop,
      restartBroker: () => kafka.restart().then(() => waitForBroker(connection, { warm: false })),
      [Symbol.asyncDispose]: stop,
    }
  } catch (err) {
    await Promise.all([kafka.stop(), registry?.stop()])
    throw err
  }
}
