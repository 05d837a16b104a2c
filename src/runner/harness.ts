import type { Admin, Kafka } from 'kafkajs'
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import { kafkaFor, type Environment } from '../env/index.ts'
import { registryFor } from '../kafka/index.ts'

/** The clients one `stream-test run` shares across its scenarios: one broker, one admin, one registry. */
export interface Harness extends AsyncDisposable {
  env: Environment
  kafka: Kafka
  admin: Admin
  registry(): SchemaRegistry
  close(): Promise<void>
}

export async function openHarness(env: Environment): Promise<Harness> {
  const kafka = kafkaFor(env.connection, 'stream-test-runner')
  const admin = kafka.admin()
  await admin.connect()
  let registry: SchemaRegistry | undefined
  const close = (): Promise<void> => admin.disconnect()
  return {
    env,
    kafka,
    admin,
    registry: () => (registry ??= registryFor(env.connection)),
    close,
    [Symbol.asyncDispose]: close,
  }
}
