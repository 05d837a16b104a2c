export { startLocalEnvironment } from './local-environment.ts'
export { KAFKA_VERSION, ensureKafkaJars, cacheRoot } from './kafka-jars.ts'
