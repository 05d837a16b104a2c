import type { Admin, Kafka } from 'kafkajs'
import { afterAll, beforeAll, inject } from 'vitest'
import { kafkaFor } from '../../../src/env/index.ts'

/**
 * A client of the run's broker and its admin, connected before the file's tests and disconnected after
 * them. Call it at the top of a test file.
 */
export function useSharedKafka(clientId: string): { kafka: Kafka; admin: Admin } {
  const kafka = kafkaFor(inject('kafka'), clientId)
  const admin = kafka.admin()
  beforeAll(() => admin.connect())
  afterAll(() => admin.disconnect())
  return { kafka, admin }
}
