import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { expect, test, vi } from 'vitest'

/** Every java whose command line names `dir`. */
function javaUsing(dir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8')
        return cmd.startsWith('java') && cmd.includes(dir)
      } catch {
        return false
      }
    })
    .map(Number)
}

test('a harness killed with SIGKILL takes its broker JVM and temp dir with it', async () => {
  const script = "import('./src/env/local/local-kafka.ts').then(m => m.startLocalKafka()).then(k => { console.log('DIR ' + k.dir); setInterval(() => {}, 1000) })"
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  const [first] = (await Promise.race([
    once(lines, 'line'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('broker did not start within 60 s')), 60_000)),
  ])) as [string]
  const dir = first.replace(/^DIR /, '')
  expect(existsSync(dir)).toBe(true)
  expect(javaUsing(dir)).toHaveLength(1)
  child.kill('SIGKILL')
  await vi.waitFor(() => {
    expect(javaUsing(dir)).toEqual([])
    expect(existsSync(dir)).toBe(false)
  }, { timeout: 15_000, interval: 100 })
}, 90_000)
