import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { EnvironmentError } from '../../errors.ts'
import { requireCommand } from './tools.ts'

/**
 * The Kafka version the local environment runs. Chosen by experiment: 4.4.0 is the newest 4.x on Maven
 * Central, and kafkajs 2.2.4 produces, consumes with groups, runs transactions with sendOffsets and
 * administers topics against it (test/integration/env/local-kafka.test.ts proves it on every run).
 */
export const KAFKA_VERSION = '4.4.0'

const POM = join(dirname(fileURLToPath(import.meta.url)), '../../../kafka/pom.xml')

export function cacheRoot(): string {
  const base = process.env.STREAM_TEST_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'stream-test')
  return join(base, 'kafka')
}

export interface KafkaJars {
  version: string
  dir: string
  /** sorted, absolute jar paths: a stable classpath (AppCDS needs an identical one each time) */
  classpath: string
}

/** Jars of `version` in the cache, fetched with `mvn` on first use (progress on `progress`). */
export async function ensureKafkaJars(
  version = KAFKA_VERSION,
  progress: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<KafkaJars> {
  const dir = join(cacheRoot(), version)
  const libs = join(dir, 'libs')
  if (!existsSync(join(dir, 'complete'))) {
    requireCommand('java')
    requireCommand('mvn')
    await fetchJars(version, dir, progress)
  }
  const jars = (await readdir(libs)).filter((f) => f.endsWith('.jar')).sort()
  return { version, dir, classpath: jars.map((j) => join(libs, j)).join(':') }
}

async function fetchJars(version: string, dir: string, progress: (line: string) => void): Promise<void> {
  const staging = `${dir}.partial-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  await mkdir(join(staging, 'libs'), { recursive: true })
  await copyFile(POM, join(staging, 'pom.xml'))
  progress(`stream-test: fetching Apache Kafka ${version} jars from Maven Central into ${dir} (first use only)`)
  const args = ['-B', '-f', join(staging, 'pom.xml'), `-Dkafka.version=${version}`, 'dependency:copy-dependencies',
    '-DincludeScope=runtime', `-DoutputDirectory=${join(staging, 'libs')}`]
  const tail: string[] = []
  let downloaded = 0
  const code = await new Promise<number | null>((resolve, reject) => {
    const mvn = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    mvn.once('error', reject)
    for (const stream of [mvn.stdout, mvn.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line)
        if (tail.length > 15) tail.shift()
        if (/^Downloaded from/.test(line) && ++downloaded % 25 === 0) progress(`stream-test: ${downloaded} artifacts downloaded…`)
      })
    }
    mvn.once('close', resolve)
  })
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true })
    throw new EnvironmentError(`mvn could not fetch Kafka ${version} (exit ${code}); last output:\n${tail.join('\n')}`, 'ST_FETCH')
  }
  await writeFile(join(staging, 'complete'), new Date().toISOString())
  await rm(dir, { recursive: true, force: true })
  await mkdir(dirname(dir), { recursive: true })
  await rename(staging, dir)
  progress(`stream-test: Kafka ${version} ready (${downloaded} artifacts downloaded)`)
}

