import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { afterEach, beforeAll, expect, inject, test } from 'vitest'
import { useSharedKafka } from '../helpers/kafka.ts'
import { killApp, startApp, tail, type AppProcess } from './app-process.ts'
import { evictAllMembers } from './evict.ts'
import { expectEnrichedOnce, orders, produceOrders, waitCommittedToEnd } from './exactly-once-check.ts'

/**
 * The zombie of /work/shared/notes/evicting-dead-members.md with the Java transactional app (KIP-447):
 * instance A is paused (SIGSTOP) inside a transaction and evicted from the group; instance B takes the
 * partition and commits every input; A wakes (SIGCONT) and tries to commit its transaction. The group
 * coordinator must refuse A's offsets (A is no longer a member), A aborts, and read_committed holds each
 * input exactly once. `--work-ms` keeps each transaction open long enough for the pause to land in it.
 */
const { kafka, admin } = useSharedKafka('apps-java-zombie-test')
const brokers = inject('kafka').brokers
const EOS_JAVA = resolve('fixtures/apps/eos-java/run.sh')

const apps: AppProcess[] = []
afterEach(async () => {
  for (const app of apps) if (!app.exit && app.child.pid !== undefined) process.kill(-app.child.pid, 'SIGCONT')
  await Promise.all(apps.splice(0).map(killApp))
})

beforeAll(() => {
  execFileSync('bash', [resolve('fixtures/apps/eos-java/build.sh')], { stdio: ['ignore', 'ignore', 'inherit'] })
}, 600_000)

test('a paused, evicted instance wakes as a zombie: its commit is refused, 0 duplicates read_committed', async () => {
  const id = `zombie-${randomUUID().slice(0, 8)}`
  const [group, input, output] = [`g-${id}`, `in-${id}`, `out-${id}`]
  await admin.createTopics({ topics: [input, output].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true })
  const start = (instance: number): AppProcess => {
    const app = startApp(`eos-java transactional[${instance}]`, EOS_JAVA, ['transactional', '--in', input, '--out', output, '--work-ms', '100'], {
      KAFKA_BROKERS: brokers.join(','),
      ST_GROUP_ID: group,
      ST_INSTANCE: String(instance),
    })
    apps.push(app)
    return app
  }

  const a = start(0)
  await a.waitForLine(/^ready$/, 60_000)
  const events = orders().slice(0, 50)
  await produceOrders(kafka, input, events)
  await a.waitForLine(/in a transaction of \d+ records/, 30_000)
  process.kill(-a.child.pid!, 'SIGSTOP')
  expect(await evictAllMembers(kafka, admin, group)).toHaveLength(1)

  const b = start(1)
  await b.waitForLine(/^ready$/, 60_000)
  await waitCommittedToEnd(admin, group, input, 60_000) // B processed every input while A slept

  const woke = a.lines.length
  process.kill(-a.child.pid!, 'SIGCONT')
  const ended = /committed a transaction|transaction of \d+ records failed/
  await a.waitForLine(ended, 30_000, woke) // the zombie's transaction ended, one way or the other
  await expectEnrichedOnce(brokers, output, events)
  expect(a.lines.slice(woke).filter((l) => ended.test(l))[0]).toMatch(/transaction of \d+ records failed, aborting: .*CommitFailedException/)
  for (const app of [a, b]) expect(app.exit, tail(app)).toBeNull() // the zombie stays up and rejoins
}, 180_000)
