import { KAFKA_VERSION } from '../local/kafka-jars.ts'

/** What the containers environment runs, as data: the part of it that is unit-tested without Docker. */
export interface ContainerSpec {
  image: string
  alias: string
  env: Record<string, string>
  /** host port = container port, so the advertised address works from the host */
  ports: number[]
  waitLog: RegExp
}

export const REGISTRY_IMAGE = 'confluentinc/cp-schema-registry:7.9.0'

/**
 * Kafka (the Apache image, same version and test-friendly settings as `local`) and the Confluent
 * Schema Registry on one network. Kafka listens twice: for the host on `hostPort` (advertised as
 * 127.0.0.1:hostPort, bound to the same host port) and for the registry on `kafka:19092`.
 */
export function containerSpecs(hostPort: number, registryPort: number, version = KAFKA_VERSION): { kafka: ContainerSpec; registry: ContainerSpec } {
  return {
    kafka: {
      image: `apache/kafka:${version}`,
      alias: 'kafka',
      ports: [hostPort],
      waitLog: /Kafka Server started/,
      env: {
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093',
        KAFKA_LISTENERS: `HOST://0.0.0.0:${hostPort},DOCKER://0.0.0.0:19092,CONTROLLER://0.0.0.0:9093`,
        KAFKA_ADVERTISED_LISTENERS: `HOST://127.0.0.1:${hostPort},DOCKER://kafka:19092`,
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'HOST:PLAINTEXT,DOCKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_INTER_BROKER_LISTENER_NAME: 'DOCKER',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        KAFKA_GROUP_MIN_SESSION_TIMEOUT_MS: '1000',
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
        KAFKA_LOG_RETENTION_MS: '-1',
        KAFKA_NUM_PARTITIONS: '1',
      },
    },
    registry: {
      image: REGISTRY_IMAGE,
      alias: 'schema-registry',
      ports: [registryPort],
      waitLog: /Server started, listening for requests/,
      env: {
        SCHEMA_REGISTRY_HOST_NAME: 'schema-registry',
        SCHEMA_REGISTRY_LISTENERS: `http://0.0.0.0:${registryPort}`,
        SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'PLAINTEXT://kafka:19092',
        SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR: '1',
      },
    },
  }
}
