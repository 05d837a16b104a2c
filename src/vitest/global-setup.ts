import type { TestProject } from 'vitest/node'
import { startEnvironment } from '../env/index.ts'
import { InputError } from '../errors.ts'
import type { StreamTestProvided } from './provided.ts'
import { ENV_VAR, KEEP_TOPICS_VAR, NODES_VAR } from './plugin.ts'

/**
 * Boots the environment once per vitest run (STREAM_TEST_ENV or the plugin's `env`, default auto) and
 * hands its connection to every worker through `provide`. Stopped when the run ends; on Ctrl-C vitest
 * exits the process, and the environment's exit guard kills the broker JVM and removes its temp dir.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now()
  const nodesText = process.env[NODES_VAR]
  const nodes = nodesText === undefined || nodesText === '' ? undefined : Number(nodesText)
  if (nodes !== undefined && !Number.isInteger(nodes)) throw new InputError(`${NODES_VAR} (streamTest({ nodes })) must be a whole number of nodes`, { found: String(nodesText) })
  const env = await startEnvironment({ env: process.env[ENV_VAR] ?? 'auto', ...(nodes !== undefined ? { nodes } : {}) })
  const keepTopics = ['1', 'true'].includes(process.env[KEEP_TOPICS_VAR] ?? '')
  const { connection } = env
  if (process.env.STREAM_TEST_QUIET !== '1') {
    process.stderr.write(`[stream-test] ${connection.kind} Kafka at ${connection.brokers.join(',')} ready in ${Date.now() - started} ms\n`)
  }
  const provided: StreamTestProvided = { connection, keepTopics }
  project.provide('streamTest', provided)
  return () => env.stop()
}
