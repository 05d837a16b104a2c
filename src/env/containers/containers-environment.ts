import { GenericContainer, Network, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers'
import { EnvironmentError } from '../../errors.ts'
import type { Environment } from '../environment.ts'
import { freePort } from '../local/free-port.ts'
import { waitForBroker } from '../wait-for-broker.ts'
import { containerSpecs, type ContainerSpec } from './container-specs.ts'
import { dockerEngine } from './docker-engine.ts'

function container(spec: ContainerSpec, network: StartedNetwork): GenericContainer {
  return new GenericContainer(spec.image)
    .withNetwork(network)
    .withNetworkAliases(spec.alias)
    .withEnvironment(spec.env)
    .withExposedPorts(...spec.ports.map((p) => ({ container: p, host: p })))
    .withWaitStrategy(Wait.forLogMessage(spec.waitLog))
}

/** `containers`: the Apache Kafka image and the Confluent Schema Registry image via testcontainers. */
export async function startContainersEnvironment(): Promise<Environment> {
  const engine = await dockerEngine()
  if (!engine.ok) throw new EnvironmentError(`--env containers: ${engine.reason}; use --env local`, 'ST_NO_DOCKER')
  const specs = containerSpecs(await freePort(), await freePort())
  const network = await new Network().start()
  const started: StartedTestContainer[] = []
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((c) => c.stop()))
    await network.stop()
  }
  try {
    started.push(await container(specs.kafka, network).start())
    started.push(await container(specs.registry, network).start())
    const connection = {
      kind: 'containers' as const,
      brokers: [`127.0.0.1:${specs.kafka.ports[0]}`],
      registryUrl: `http://127.0.0.1:${specs.registry.ports[0]}`,
    }
    await waitForBroker(connection, { warm: true })
    let stopping: Promise<void> | undefined
    const once = (): Promise<void> => (stopping ??= stop())
    return { connection, stop: once, [Symbol.asyncDispose]: once }
  } catch (err) {
    await stop()
    throw err
  }
}
