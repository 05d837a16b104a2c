import { execFile } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Connection } from '../../../src/env/index.ts'
import { ensureKafkaJars } from '../../../src/env/local/index.ts'
import { onExitRemove } from '../../../src/process/exit-guard.ts'
import { signalGroup } from '../../../src/sut/process-group.ts'
import { spawnGroup, type GroupLeader } from '../../../src/sut/spawn-group.ts'
import { waitUntil } from '../../../src/wait-until.ts'

const APPS = join(import.meta.dirname, 'apps')

/** One assignment a consumer of the app printed. */
export interface Join {
  consumer: number
  joined: string
  partitions: number[]
}

/** A consumer app run as its own process group, for the eviction tests and the kill-cost benchmark. */
export interface GroupApp {
  readonly leader: GroupLeader
  readonly joins: Join[]
  /** `consumer:partition:offset` of each consumer's first record */
  readonly consumed: string[]
  readonly output: string[]
  /** resolves when consumer `consumer`'s latest assignment is `partitions` (any: not empty); rejects after `timeoutMs` */
  assigned(partitions: number[] | 'any', opts: { timeoutMs: number; consumer?: number }): Promise<Join>
  /** resolves when a consumer of the app has consumed its first record; rejects after `timeoutMs` */
  consuming(opts: { timeoutMs: number }): Promise<void>
  /** SIGKILL the process group and wait until it is gone */
  kill(): Promise<void>
}

/** A KafkaJS consumer on client defaults (session timeout 30 s). */
export function startKafkajsConsumer(conn: Connection, groupId: string, topic: string): Promise<GroupApp> {
  return startApp(process.execPath, [join(APPS, 'kafkajs-consumer.mjs'), conn.brokers.join(','), groupId, topic], 'kafkajs consumer')
}

/**
 * `count` official Java consumers in one JVM on client defaults (session timeout 45 s); with `staticIdPrefix`
 * they are static members (group.instance.id `<prefix>-<index>`).
 */
export async function startJavaConsumers(
  conn: Connection,
  groupId: string,
  topic: string,
  count: number,
  opts: { protocol?: 'classic' | 'consumer'; staticIdPrefix?: string } = {},
): Promise<GroupApp> {
  const classpath = await prepareJavaConsumers()
  const args = ['-cp', classpath, 'JavaConsumers', conn.brokers.join(','), groupId, topic, String(count), opts.protocol ?? 'classic', ...(opts.staticIdPrefix ? [opts.staticIdPrefix] : [])]
  return startApp('java', args, `${count} Java consumer(s)`)
}

let javaClasses: Promise<string> | undefined

/** javac once per process, so a start costs a JVM start, not a compile (the benchmark times starts); resolves to the classpath. */
export function prepareJavaConsumers(): Promise<string> {
  return (javaClasses ??= compileJava())
}

async function compileJava(): Promise<string> {
  const jars = await ensureKafkaJars()
  const libs = jars.classpath.split(':').filter((j) => /kafka-clients|slf4j-api/.test(j)).join(':')
  const out = await mkdtemp(join(tmpdir(), 'stream-test-java-consumers-'))
  onExitRemove(out)
  await promisify(execFile)('javac', ['-cp', libs, '-d', out, join(APPS, 'JavaConsumers.java')])
  return `${out}:${libs}`
}

async function startApp(command: string, args: string[], what: string): Promise<GroupApp> {
  const joins: Join[] = []
  const consumed: string[] = []
  const output: string[] = []
  const leader = await spawnGroup(command, {
    args,
    env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    onLine: (_stream, line) => {
      output.push(line)
      if (!line.startsWith('{"')) return
      const event = { consumer: 0, ...(JSON.parse(line) as Partial<Join> & { consumed?: string }) }
      if (event.consumed !== undefined) consumed.push(`${event.consumer}:${event.consumed}`)
      else joins.push(event as Join)
    },
  })
  const exited = leader.ended.then((end) => {
    throw new Error(`${what} exited (${end.signal ?? end.code}); output:\n${output.slice(-20).join('\n')}`)
  })
  exited.catch(() => {})
  let killed = false
  return {
    leader,
    joins,
    consumed,
    output,
    async assigned(partitions, opts) {
      const latest = (): Join | undefined => joins.filter((j) => j.consumer === (opts.consumer ?? 0)).at(-1)
      const want = partitions === 'any' ? 'any' : partitions.join(',')
      const got = (j: Join | undefined): boolean => (want === 'any' ? (j?.partitions.length ?? 0) > 0 : j?.partitions.join(',') === want)
      await waitUntil(() => got(latest()), {
        intervalMs: 20,
        timeoutMs: opts.timeoutMs,
        ...(killed ? {} : { abort: exited }),
        onTimeout: () =>
          new Error(`${what}: consumer ${opts.consumer ?? 0} was not assigned partitions [${want}] within ${opts.timeoutMs} ms (assignments so far: ${JSON.stringify(joins)})`),
      })
      return latest() as Join
    },
    async consuming(opts) {
      await waitUntil(() => consumed.length > 0, {
        intervalMs: 10,
        timeoutMs: opts.timeoutMs,
        ...(killed ? {} : { abort: exited }),
        onTimeout: () => new Error(`${what}: consumed no record within ${opts.timeoutMs} ms (assignments so far: ${JSON.stringify(joins)})`),
      })
    },
    async kill() {
      killed = true
      signalGroup(leader.pid, 'SIGKILL')
      await leader.ended
    },
  }
}
