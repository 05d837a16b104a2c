export type { Connection, EnvChoice, EnvKind, Environment, KafkaSecurity } from './environment.ts'
export { startEnvironment, parseEnvChoice, type StartOptions } from './start-environment.ts'
export { kafkaFor } from './client.ts'
export { waitForBroker } from './wait-for-broker.ts'
