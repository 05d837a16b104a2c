import type { TestProject } from 'vitest/node'
import type { Connection } from '../../src/env/index.ts'
import { startLocalEnvironment } from '../../src/env/local/index.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    kafka: Connection
  }
}

/** One real local broker (KRaft JVM from the Maven jars) and the embedded registry for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now()
  const env = await startLocalEnvironment()
  process.stderr.write(`[integration] local Kafka at ${env.connection.brokers.join(',')} ready in ${Date.now() - started} ms\n`)
  project.provide('kafka', env.connection)
  return () => env.stop()
}
