import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, symlink } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { kafkaFor, type Connection } from '../../../src/env/index.ts'
import { consumeN } from '../helpers/consume.ts'
import { descendantsOf, processExists, runCli, startCli, type CliProcess } from './cli-process.ts'

const READY_MS = 60_000
const STOP_MS = 20_000

/** The broker JVM the CLI started (a descendant named java, under its watchdog shell) and the temp dir on its command line. */
function brokerOf(cli: CliProcess): { pid: number; dir: string } {
  const javas = descendantsOf(cli.child.pid!).filter((c) => c.comm === 'java')
  expect(javas, 'exactly one java under the CLI').toHaveLength(1)
  const java = javas[0]!
  const dir = /((?:\/[^\s/=]+)*\/stream-test-kafka-[A-Za-z0-9]+)\//.exec(java.cmdline.join(' '))?.[1]
  if (!dir) throw new Error(`no stream-test-kafka-* dir on the broker command line: ${java.cmdline.join(' ')}`)
  expect(dir.startsWith(`${tmpdir()}/stream-test-kafka-`)).toBe(true)
  return { pid: java.pid, dir }
}

async function stopAndCheck(cli: CliProcess, signal: NodeJS.Signals, broker: { pid: number; dir: string }): Promise<void> {
  cli.child.kill(signal)
  let timer: NodeJS.Timeout | undefined
  const exit = await Promise.race([
    cli.exited,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`env up did not exit within ${STOP_MS} ms of ${signal}; stderr:\n${cli.stderr.join('\n')}`)), STOP_MS)
    }),
  ]).finally(() => clearTimeout(timer))
  expect(exit, `stderr:\n${cli.stderr.join('\n')}`).toEqual({ code: 0, signal: null })
  // SIGKILL to the group kills the JVM at once; it was its watchdog shell's child, so init reaps it
  // (a zombie for a moment on this VM, whose init reaps every ~2 s)
  await vi.waitFor(() => expect(processExists(broker.pid), `broker JVM ${broker.pid} still exists`).toBe(false), { timeout: 10_000, interval: 100 })
  expect(existsSync(broker.dir), `${broker.dir} still exists`).toBe(false)
}

async function produceAndConsume(conn: Connection): Promise<string[]> {
  const kafka = kafkaFor(conn, 'env-up-test')
  const admin = kafka.admin()
  await admin.connect()
  const topic = `it.envup.${randomUUID()}`
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })
  } finally {
    await admin.disconnect()
  }
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic, messages: [{ key: 'k', value: 'hello from env up' }] })
  await producer.disconnect()
  const got = await consumeN(kafka, topic, 1, { groupId: `it-${randomUUID()}` })
  return got.map((m) => m.value ?? '')
}

describe('env up --env local', () => {
  test('prints the connection, serves produce/consume and the registry, and SIGINT leaves no JVM and no temp dir', async () => {
    const cli = startCli(['env', 'up', '--env', 'local'])
    try {
      const [brokersLine, registryLine] = await cli.lines([/^KAFKA_BROKERS=/, /^SCHEMA_REGISTRY_URL=/], READY_MS)
      expect(brokersLine).toMatch(/^KAFKA_BROKERS=127\.0\.0\.1:\d+$/)
      expect(registryLine).toMatch(/^SCHEMA_REGISTRY_URL=http:\/\/127\.0\.0\.1:\d+$/)
      expect(cli.stdout).toEqual([brokersLine, registryLine])
      const conn: Connection = {
        kind: 'local',
        brokers: brokersLine!.slice('KAFKA_BROKERS='.length).split(','),
        registryUrl: registryLine!.slice('SCHEMA_REGISTRY_URL='.length),
      }
      const broker = brokerOf(cli)
      expect(existsSync(broker.dir)).toBe(true)
      expect(await produceAndConsume(conn)).toEqual(['hello from env up'])
      const subjects = await fetch(`${conn.registryUrl}/subjects`)
      expect(subjects.status).toBe(200)
      expect(await subjects.json()).toEqual([])
      await stopAndCheck(cli, 'SIGINT', broker)
    } finally {
      cli.child.kill('SIGKILL')
    }
  }, 150_000)

  test('--json prints exactly one JSON line; SIGTERM stops it as cleanly', async () => {
    const cli = startCli(['env', 'up', '--env', 'local', '--json'])
    try {
      const [line] = await cli.lines([/^\{/], READY_MS)
      const parsed = JSON.parse(line!) as Record<string, string>
      expect(Object.keys(parsed).sort()).toEqual(['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'env'])
      expect(parsed.env).toBe('local')
      expect(parsed.KAFKA_BROKERS).toMatch(/^127\.0\.0\.1:\d+$/)
      expect(parsed.SCHEMA_REGISTRY_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(cli.stdout).toEqual([line])
      const broker = brokerOf(cli)
      expect(existsSync(broker.dir)).toBe(true)
      await stopAndCheck(cli, 'SIGTERM', broker)
    } finally {
      cli.child.kill('SIGKILL')
    }
  }, 150_000)
})

describe('env up: bad input and missing tools', () => {
  let held: Server
  let heldPort: number
  let noJavaDir: string

  beforeAll(async () => {
    held = createServer()
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve))
    heldPort = (held.address() as { port: number }).port
    noJavaDir = await mkdtemp(join(tmpdir(), 'st-nojava-'))
    await symlink(process.execPath, join(noJavaDir, 'node'))
  })
  afterAll(async () => {
    await new Promise((resolve) => held.close(resolve))
    await rm(noJavaDir, { recursive: true, force: true })
  })

  test('--env nope: exit 2 and one line naming the choices', async () => {
    const r = await runCli(['env', 'up', '--env', 'nope'])
    expect(r.code).toBe(2)
    expect(r.stdout).toEqual([])
    expect(r.stderr).toEqual(['stream-test: unknown environment "nope"; expected auto | local | containers | external; found nope'])
  })

  test('--port held by another listener: exit 3, "in use", nothing left behind', async () => {
    const before = new Set(descendantsOf(process.pid).map((c) => c.pid))
    const r = await runCli(['env', 'up', '--env', 'local', '--port', String(heldPort)])
    expect(r.code).toBe(3)
    expect(r.stdout).toEqual([])
    expect(r.stderr).toEqual([`stream-test: port 127.0.0.1:${heldPort} is in use (EADDRINUSE); choose another or stop what holds it`])
    expect(descendantsOf(process.pid).filter((c) => !before.has(c.pid) && c.comm === 'java')).toEqual([])
  })

  test('--port that is not a port: exit 2', async () => {
    const r = await runCli(['env', 'up', '--env', 'local', '--port', '70000'])
    expect(r.code).toBe(2)
    expect(r.stderr).toEqual(['stream-test: bad --port "70000"; expected an integer port 1-65535'])
  })

  for (const cache of ['the jar cache as it is', 'an empty jar cache'] as const) {
    test(`no java on PATH (${cache}): exit 3 naming java and what to install`, async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: noJavaDir }
      delete env.JAVA
      delete env.JAVA_HOME
      if (cache === 'an empty jar cache') env.STREAM_TEST_CACHE = join(noJavaDir, 'cache')
      const r = await runCli(['env', 'up', '--env', 'local'], { env })
      expect(r.code).toBe(3)
      expect(r.stdout).toEqual([])
      expect(r.stderr).toEqual([
        'stream-test: java not found on PATH: the local Kafka environment needs it; install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless) or use --env containers/external',
      ])
      expect(existsSync(join(noJavaDir, 'cache'))).toBe(false)
    })
  }
})
