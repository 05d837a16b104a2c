// npm run bench [-- --only <id,...>] [--reps <n>]: every benchmark, one table, bench/RESULTS.md.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Environment } from '../src/env/index.ts'
import { startLocalEnvironment } from '../src/env/local/index.ts'
import { onExitRemove } from '../src/process/exit-guard.ts'
import type { BenchContext, BenchSession, Sample } from './benchmark.ts'
import { benchmarks } from './benchmarks.ts'
import { renderTable, type Row } from './table.ts'

const { values: flags } = parseArgs({ options: { only: { type: 'string' }, reps: { type: 'string' } } })
const only = flags.only?.split(',')
const chosen = benchmarks.filter((b) => !only || only.includes(b.id))
const progress = (line: string): void => void process.stderr.write(`[bench] ${line}\n`)

const tmp = await mkdtemp(join(tmpdir(), 'stream-test-bench-'))
const forgetTmp = onExitRemove(tmp) // Ctrl-C too: the 1M-event fixture is ~130 MB
let shared: Promise<Environment> | undefined
const ctx: BenchContext = {
  tmp,
  progress,
  env: () =>
    (shared ??= (async () => {
      const t = performance.now()
      const env = await startLocalEnvironment()
      progress(`shared local broker at ${env.connection.brokers.join(',')} ready in ${((performance.now() - t) / 1000).toFixed(1)} s`)
      return env
    })()),
}

const started = new Date()
const load = loadavg()[0] ?? 0
const rows: Row[] = []
const notes: string[] = []
let broken = 0
try {
  for (const bench of chosen) {
    const reps = Math.max(1, Number(flags.reps ?? bench.repetitions ?? 3))
    const samples: Sample[] = []
    let session: BenchSession | undefined
    let error: string | undefined
    try {
      progress(`${bench.id}: ${bench.title}, ${reps} repetitions`)
      session = await bench.start(ctx)
      for (let i = 0; i < reps; i++) {
        const t = performance.now()
        const sample = await session.repeat(i)
        samples.push(sample)
        progress(`${bench.id} #${i + 1} (${((performance.now() - t) / 1000).toFixed(1)} s): ${Object.entries(sample).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' ')}`)
      }
      notes.push(...(session.summary?.() ?? []))
    } catch (err) {
      error = (err as Error).message.split('\n')[0] ?? String(err)
      broken++
      progress(`${bench.id}: failed: ${(err as Error).message}`)
      if (session?.summary) notes.push(...session.summary())
    } finally {
      await session?.close?.().catch((e: unknown) => progress(`${bench.id}: close failed: ${(e as Error).message}`))
    }
    for (const metric of bench.metrics) {
      const values = samples.map((s) => s[metric.key]).filter((v): v is number => v !== undefined)
      rows.push({ bench: bench.id, metric, samples: values, ...(error !== undefined && values.length < reps ? { error } : {}) })
    }
  }
} finally {
  if (shared) await (await shared).stop()
  await rm(tmp, { recursive: true, force: true })
  forgetTmp()
}

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load average ${load.toFixed(2)} at start`
const table = renderTable(rows)
if (load > cpus().length) notes.unshift(`the machine was busy (load average ${load.toFixed(1)} on ${cpus().length} cores at start): absolute times and rates are inflated; the replay / ProducerPerformance ratio is the steadier number`)
const elapsed = `${((Date.now() - started.getTime()) / 60_000).toFixed(1)} min`
const text = `date: ${started.toISOString()} (took ${elapsed})\nmachine: ${machine}\n\n${table}\n${notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`
process.stdout.write(`\n${text}`)
if (!only && flags.reps === undefined) {
  await writeFile(
    new URL('./RESULTS.md', import.meta.url),
    `# Benchmark results\n\n\`npm run bench\` on ${started.toISOString().slice(0, 10)}. Medians of the repetitions (each run in the last column).\n\n${text}`,
  )
  progress('wrote bench/RESULTS.md')
}
process.exitCode = broken > 0 ? 1 : 0
