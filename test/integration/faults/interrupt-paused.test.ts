import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, inject, test, vi } from 'vitest'
import { markedProcesses, pausedScenarioYaml } from './paused-scenario.ts'

const marked = (marker: string): Map<number, string> => new Map([...markedProcesses(marker)].map(([pid, p]) => [pid, p.state]))

test('Ctrl-C while a SUT instance is paused (SIGSTOP) leaves no stopped or running SUT process behind', async () => {
  const conn = inject('kafka')
  const marker = `ST_PAUSE_MARKER_${randomUUID().replaceAll('-', '')}`
  const dir = await mkdtemp(join(tmpdir(), 'st-paused-'))
  const file = join(dir, 'paused.scenario.yaml')
  await writeFile(file, pausedScenarioYaml('a long pause, interrupted', marker))
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
