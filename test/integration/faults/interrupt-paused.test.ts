import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, inject, test, vi } from 'vitest'

/** pid -> state letter (T: stopped) of every process whose environment holds `marker`. */
function marked(marker: string): Map<number, string> {
  const out = new Map<number, string>()
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue
    try {
      if (!readFileSync(`/proc/${p}/environ`, 'utf8').includes(marker)) continue
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
      if (state !== 'Z' && state !== 'X') out.set(Number(p), state)
    } catch {
      // it ended while we looked
    }
  }
  return out
}

test('Ctrl-C while a SUT instance is paused (SIGSTOP) leaves no stopped or running SUT process behind', async () => {
  const conn = inject('kafka')
  const marker = `ST_PAUSE_MARKER_${randomUUID().replaceAll('-', '')}`
  const dir = await mkdtemp(join(tmpdir(), 'st-paused-'))
  const file = join(dir, 'paused.scenario.yaml')
  await writeFile(
    file,
    `name: a long pause, interrupted
topics:
  orders: { partitions: 2, value: json }
  enriched: { partitions: 2, value: json }
input:
  - topic: orders
    fixture: ${resolve('fixtures/streams/orders.jsonl')}
    id: value.orderId
perturb:
  - pause-sut: { after: 10%, for: 10m, on: offset-committed }
sut:
  command: node
  args: [${resolve('fixtures/apps/enricher/at-least-once.mjs')}, --in, "{{topics.orders}}", --out, "{{topics.enriched}}"]
  env: { ${marker}: "1" }
  ready: { log: ready }
  instances: 2
output:
  - topic: enriched
oracles:
  - exactly-once: { output: enriched }
`,
  )
  const child = spawn(process.execPath, ['bin/stream-test.mjs', 'run', file, '--env', 'external', '--brokers', conn.brokers.join(','), '--registry', conn.registryUrl, '--seed', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
  try {
    await vi.waitFor(() => expect([...marked(marker).values()]).toContain('T'), { timeout: 60_000, interval: 100 })
    child.kill('SIGINT')
    expect(await exited).not.toBe(0)
    await vi.waitFor(() => expect([...marked(marker).entries()]).toEqual([]), { timeout: 10_000, interval: 100 })
  } finally {
    child.kill('SIGKILL')
    for (const pid of marked(marker).keys()) process.kill(pid, 'SIGKILL')
  }
  expect(stderr).not.toContain('TypeError')
}, 90_000)
