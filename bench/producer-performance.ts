import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { javaCommand } from '../src/env/local/tools.ts'
import { ensureKafkaJars } from '../src/env/local/index.ts'

export interface ProducerPerformanceResult {
  records: number
  recordsPerSec: number
  /** the tool's final summary line */
  line: string
}

const FINAL = /^(\d+) records sent, ([\d.]+) records\/sec/

/**
 * Parse ProducerPerformance's final summary line out of its output: the last "N records sent, R
 * records/sec" line that carries the percentiles (the progress lines every 5 s do not).
 */
export function parseProducerPerformance(lines: readonly string[]): ProducerPerformanceResult | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string
    const m = FINAL.exec(line)
    if (m && / 50th/.test(line)) return { records: Number(m[1]), recordsPerSec: Number(m[2]), line }
  }
  return undefined
}

/** Kafka's own producer benchmark (org.apache.kafka.tools.ProducerPerformance) against `brokers`. */
export async function producerPerformance(brokers: string, topic: string, records: number, recordSize: number): Promise<ProducerPerformanceResult> {
  const jars = await ensureKafkaJars()
  const args = ['-Xmx512m', '-cp', jars.classpath, 'org.apache.kafka.tools.ProducerPerformance',
    '--topic', topic, '--num-records', String(records), '--record-size', String(recordSize), '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${brokers}`, 'acks=all']
  const child = spawn(javaCommand(), args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  for (const s of [child.stdout, child.stderr]) createInterface({ input: s }).on('line', (l) => lines.push(l))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  const result = parseProducerPerformance(lines)
  if (code !== 0 || !result) throw new Error(`ProducerPerformance exit ${code}, no summary line; last output:\n${lines.slice(-10).join('\n')}`)
  if (result.records !== records) throw new Error(`ProducerPerformance sent ${result.records} of ${records} records: ${result.line}`)
  return result
}
