import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EnvironmentError } from '../../errors.ts'
import { log } from '../../log.ts'
import { onExitRemove } from '../../process/exit-guard.ts'
import { jvmOptions, LOG4J2_PROPERTIES, READY_LINE, serverProperties, type BrokerPorts } from './broker-config.ts'
import { ensurePortFree, freePorts } from './free-port.ts'
import { spawnJvm, type JvmProcess } from './jvm-process.ts'
import { ensureKafkaJars, KAFKA_VERSION, type KafkaJars } from './kafka-jars.ts'
import { javaCommand, requireCommand } from './tools.ts'

export interface LocalKafkaOptions {
  version?: string
  /** broker port; a free one when absent */
  port?: number
  /** ms to wait for "Kafka Server started" */
  startTimeoutMs?: number
  progress?: (line: string) => void
}

export interface LocalKafka {
  brokers: string[]
  ports: BrokerPorts
  dir: string
  pid: number | undefined
  restart(): Promise<void>
  stop(): Promise<void>
}

const java = javaCommand()

/** Boot one KRaft node from the cached Apache Kafka jars. */
export async function startLocalKafka(opts: LocalKafkaOptions = {}): Promise<LocalKafka> {
  requireCommand('java')
  const jars = await ensureKafkaJars(opts.version ?? KAFKA_VERSION, opts.progress)
  if (opts.port !== undefined) await ensurePortFree(opts.port)
  // below the ephemeral range, so that restart-broker gets them back (see freePorts)
  const drawn = await freePorts(opts.port === undefined ? 2 : 1)
  const ports = { broker: opts.port ?? drawn[1]!, controller: drawn[0]! }
  const dir = await mkdtemp(join(tmpdir(), 'stream-test-kafka-'))
  const forgetDir = onExitRemove(dir)
  const timeout = opts.startTimeoutMs ?? 60_000
  try {
    const template = await ensureFormattedTemplate(jars)
    await cp(template, join(dir, 'data'), { recursive: true })
    await writeFile(join(dir, 'server.properties'), serverProperties(ports, join(dir, 'data')))
    await writeFile(join(dir, 'log4j2.properties'), LOG4J2_PROPERTIES)
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    forgetDir()
    throw err
  }
  const archive = join(jars.dir, 'kafka.jsa')
  if (!existsSync(archive) && process.env.ST_NO_CDS !== '1') {
    // first boot of this version: record the classes the broker loads into an AppCDS archive (written
    // when the JVM exits cleanly), so that every later boot maps them instead of loading them
    const training = await launch(`${archive}.${process.pid}.tmp`)
    await training.kill('SIGTERM', 20_000)
    if (existsSync(`${archive}.${process.pid}.tmp`)) await rename(`${archive}.${process.pid}.tmp`, archive)
    await rm(join(dir, 'data'), { recursive: true, force: true })
    await cp(join(jars.dir, 'template-data'), join(dir, 'data'), { recursive: true })
  }
  async function launch(createArchive?: string): Promise<JvmProcess> {
    const useArchive = !createArchive && existsSync(archive) && process.env.ST_NO_CDS !== '1'
    const args = [
      ...jvmOptions({ log4jFile: join(dir, 'log4j2.properties'), ...(createArchive ? { createArchive } : useArchive ? { archive } : {}) }),
      '-cp', jars.classpath, 'kafka.Kafka', join(dir, 'server.properties'),
    ]
    const jvm = spawnJvm(java, args, dir, (line) => log().debug({ broker: ports.broker }, line), dir)
    try {
      await jvm.waitFor(READY_LINE, timeout, `Kafka ${jars.version} on 127.0.0.1:${ports.broker}`)
    } catch (err) {
      await jvm.kill()
      throw err
    }
    return jvm
  }

  let jvm: JvmProcess
  try {
    jvm = await launch()
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    forgetDir()
    throw err
  }
  let stopped = false
  return {
    brokers: [`127.0.0.1:${ports.broker}`],
    ports,
    dir,
    get pid() {
      return jvm.child.pid
    },
    async restart() {
      if (stopped) throw new EnvironmentError('cannot restart a stopped broker')
      await jvm.kill('SIGTERM', 10_000)
      jvm = await launch()
    },
    async stop() {
      if (stopped) return
      stopped = true
      await jvm.kill('SIGKILL')
      await rm(dir, { recursive: true, force: true })
      forgetDir()
    },
  }
}

/**
 * Formatting storage costs one JVM launch (~2 s here), so it happens once per cached version: the
 * formatted dir is a template that every broker copies. It holds the cluster id and node id only,
 * no ports, so copies start on any ports.
 */
export async function ensureFormattedTemplate(jars: KafkaJars): Promise<string> {
  const template = join(jars.dir, 'template-data')
  if (existsSync(join(template, 'meta.properties'))) return template
  const work = await mkdtemp(join(tmpdir(), 'stream-test-format-'))
  try {
    const staging = join(work, 'data')
    await writeFile(join(work, 'server.properties'), serverProperties({ broker: 9092, controller: 9093 }, staging))
    await writeFile(join(work, 'log4j2.properties'), LOG4J2_PROPERTIES)
    const clusterId = `A${randomBytes(16).toString('base64url').slice(1)}`
    const fmt = spawnJvm(java, [`-Dlog4j2.configurationFile=${join(work, 'log4j2.properties')}`, '-cp', jars.classpath,
      'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', join(work, 'server.properties')], work)
    const done = await new Promise<number | null>((resolve) => fmt.child.once('exit', resolve))
    if (done !== 0) throw new EnvironmentError(`formatting Kafka storage failed (exit ${done}):\n${fmt.tail().join('\n')}`, 'ST_FORMAT')
    await rm(template, { recursive: true, force: true })
    await rename(staging, template)
    return template
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
