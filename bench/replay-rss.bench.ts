import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { type Benchmark } from './benchmark.ts'
import { writeJsonl } from './events.ts'

const N = 1_000_000
const CHILD = fileURLToPath(new URL('./rss-child.ts', import.meta.url))

interface PhaseLine {
  phase: string
  ms: number
  rssMb: number
  peakMb: number
  heapUsedMb: number
}

/** Peak resident set of `pid` so far (VmHWM), MB; undefined once it is gone. */
function vmHwmMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

/**
 * Peak RSS of a process that replays a 1,000,000-event JSONL fixture (the run's path: whole-file load,
 * buildPlan, replayPlan). Measured in a child process so that nothing else in this process counts.
 */
export const replayRss: Benchmark = {
  id: 'rss',
  title: 'replay memory',
  metrics: [
    { key: 'peak', name: `peak RSS replaying a ${N.toLocaleString('en-US')}-event fixture`, unit: 'MB', target: { op: '<', value: 300 }, digits: 0 },
    { key: 'seconds', name: `${N.toLocaleString('en-US')}-event fixture: load + plan + replay`, unit: 's', digits: 1 },
  ],
  async start(ctx) {
    const env = await ctx.env()
    const file = join(ctx.tmp, 'events-1m.jsonl')
    ctx.progress(`rss: writing ${N} events to ${file}`)
    await writeJsonl(file, N)
    let last: PhaseLine[] = []
    return {
      async repeat() {
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, env.connection.brokers.join(',')], { stdio: ['ignore', 'pipe', 'pipe'] })
        const phases: PhaseLine[] = []
        const stderr: string[] = []
        let hwm = 0
        const poll = setInterval(() => (hwm = Math.max(hwm, vmHwmMb(child.pid as number) ?? 0)), 50)
        createInterface({ input: child.stdout }).on('line', (l) => phases.push(JSON.parse(l) as PhaseLine))
        createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l))
        const t0 = performance.now()
        const code = await new Promise<number | null>((resolve, reject) => {
          child.once('error', reject)
          child.once('close', resolve)
        })
        clearInterval(poll)
        last = phases
        const peak = Math.max(hwm, ...phases.map((p) => p.peakMb))
        if (code !== 0) {
          const oom = stderr.some((l) => /heap out of memory/i.test(l))
          throw new Error(`${oom ? 'heap out of memory' : `exit ${code}`} at peak ${peak.toFixed(0)} MB after ${phases.at(-1)?.phase ?? 'start'}; ${stderr.slice(-3).join(' ')}`)
        }
        return { peak, seconds: (performance.now() - t0) / 1000 }
      },
      summary: () => {
        const growth = last.slice(1).map((p, i) => `${p.phase} ${p.ms} ms, RSS ${p.rssMb >= (last[i] as PhaseLine).rssMb ? '+' : ''}${(p.rssMb - (last[i] as PhaseLine).rssMb).toFixed(0)} MB to ${p.rssMb} MB (heap ${p.heapUsedMb} MB)`)
        return [
          `rss: last repetition, from a ${last[0]?.rssMb ?? '?'} MB baseline: ${growth.join('; ')} (streamed replay: one batch in memory, not the fixture)`,
        ]
      },
    }
  },
}
