import { randomUUID } from 'node:crypto'
import { afterAll, expect, inject, test } from 'vitest'
import { useSharedKafka } from '../helpers/kafka.ts'
import { envWithout, spawnCli } from './spawn-cli.ts'

/** `run` takes the connection flags of `env up`, for the kind of environment they belong to. */
const conn = inject('kafka')
const brokers = conn.brokers.join(',')
const prefix = `pc${randomUUID().slice(0, 6)}.`
const env = { ...envWithout('KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'STREAM_TEST_ENV'), ST_TOPIC_PREFIX: prefix }
const { admin } = useSharedKafka('run-external-test')
afterAll(async () => {
  const left = (await admin.listTopics()).filter((t) => t.startsWith(prefix))
  if (left.length > 0) await admin.deleteTopics({ topics: left })
})

test('run --env external --brokers --registry: the scenario runs on that broker; Repeat names the folder as typed', async () => {
  // the test's broker, passed as an external cluster; nothing in the environment points at it
  const r = await spawnCli(
    ['run', 'scenarios/', '--filter', 'ignore-grace\\.scenario', '--env', 'external', '--brokers', brokers, '--registry', conn.registryUrl, '--seed', '7', '--keep-topics'],
    env,
    120_000,
  )
  expect(r.stderr).not.toMatch(/internal error/)
  expect(r.stdout).toContain('1 passed (1 expected failure caught)')
  expect(r.code).toBe(0)
  // what the user typed, canonical, --seed last; not the scenario files one by one
  const repeat = r.stdout.split('\n').find((l) => l.startsWith('Repeat '))
  expect(repeat).toBe(
    `Repeat     npx stream-test run scenarios/ --env external --brokers ${brokers} --registry ${conn.registryUrl} --filter 'ignore-grace\\.scenario' --keep-topics --seed 7`,
  )
  // the run's topics (kept) are on the given broker, under the external prefix
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix))
  expect(topics.map((t) => t.split('.').at(-1)).sort()).toEqual(['counts', 'events'])
}, 150_000)

test.each([
  [['run', 'scenarios/', '--env', 'local', '--brokers', brokers], '--brokers is for --env external, but the environment is --env local; expected --env external with --brokers, or no --brokers'],
  [['run', 'scenarios/', '--env', 'external', '--brokers', brokers, '--port', '19092'], '--port is for --env local, but the environment is --env external; expected --env local with --port, or no --port'],
  [['backfill', '--dry-run', '--input', 'fixtures/streams/orders.jsonl', '--sut', 'node x.mjs', '--baseline', 'fixtures/streams/orders.jsonl', '--registry', conn.registryUrl],
    '--registry is for --env external, but the environment is --env local; expected --env external with --registry, or no --registry'],
])('a connection flag for another kind of environment is refused, exit 2, before anything starts: %j', async (args, message) => {
  const r = await spawnCli(args, env, 30_000)
  expect(r.stderr).toBe(`stream-test: ${message}\n`)
  expect(r.code).toBe(2)
})
