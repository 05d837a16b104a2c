import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, vi } from 'vitest'
import { markedProcesses, pausedScenarioYaml } from './paused-scenario.ts'

test('Ctrl-C with three scenarios running at once (each with a paused SUT instance) leaves no JVM, SUT process or temp dir', async () => {
  const marker = `ST_CONC_MARKER_${randomUUID().replaceAll('-', '')}`
  const dir = await mkdtemp(join(tmpdir(), 'st-conc-'))
  // the CLI's own temp dir: the broker's data dir goes there, and must be gone afterwards
  const tmp = await mkdtemp(join(tmpdir(), 'st-conc-tmp-'))
  for (const n of [1, 2, 3]) await writeFile(join(dir, `s${n}.scenario.yaml`), pausedScenarioYaml(`interrupted ${n}`, `${marker}_${n}`))
  // --env local: the run boots its own broker JVM, which inherits the marker like the SUTs do
  const child = spawn(process.execPath, ['bin/stream-test.mjs', 'run', dir, '--env', 'local', '--concurrency', '3', '--seed', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [marker]: '1', TMPDIR: tmp },
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
  try {
    // every scenario has an instance stopped (SIGSTOP) and the others running, and the broker is up
    await vi.waitFor(
      () => {
        for (const n of [1, 2, 3]) expect([...markedProcesses(`${marker}_${n}`).values()].map((p) => p.state), `scenario ${n}'s SUT processes`).toContain('T')
        expect([...markedProcesses(marker).values()].map((p) => p.comm)).toContain('java')
        expect(readdirSync(tmp).filter((f) => f.startsWith('stream-test-kafka-'))).toHaveLength(1)
      },
      { timeout: 100_000, interval: 200 },
    )
    child.kill('SIGINT')
    expect(await exited).not.toBe(0)
    await vi.waitFor(() => expect([...markedProcesses(marker).entries()]).toEqual([]), { timeout: 15_000, interval: 100 })
    expect(readdirSync(tmp).filter((f) => f.startsWith('stream-test'))).toEqual([])
  } finally {
    child.kill('SIGKILL')
    for (const pid of markedProcesses(marker).keys()) process.kill(pid, 'SIGKILL')
    await Promise.all([dir, tmp].map((d) => rm(d, { recursive: true, force: true })))
  }
  expect(stderr).not.toContain('TypeError')
}, 150_000)
