import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as pause } from 'node:timers/promises'
import { afterAll, expect, test } from 'vitest'
import { startVitest } from './run-vitest.ts'

const privateTmp = mkdtempSync(join(tmpdir(), 'st-vitest-interrupt-'))
afterAll(() => rmSync(privateTmp, { recursive: true, force: true }))

/** pids of running processes whose command line names `text` (zombies excluded) */
function processesMentioning(text: string): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      if (/^\S+ \(.*\) [ZX] /.test(stat)) continue
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry))
    } catch {
      // it ended while we looked
    }
  }
  return found
}

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await pause(100)
  }
}

test('Ctrl-C during a vitest run leaves no broker JVM and no temp dir', { timeout: 240_000 }, async () => {
  const marker = join(privateTmp, 'started')
  // TMPDIR is private to this vitest, so the broker's data dir and JVM can be told apart from others'
  const { child, output, reportFile } = startVitest(['cases/hang.case.ts'], { STREAM_TEST_ENV: 'local', TMPDIR: privateTmp, HANG_MARKER: marker })
  let ended = false
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code))).finally(() => (ended = true))
  await until('the hanging test to start', () => existsSync(marker) || ended, 180_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${output()}`)
  })
  expect(ended, `vitest ended before its test started:\n${output()}`).toBe(false)
  expect(readdirSync(privateTmp).filter((d) => d.startsWith('stream-test-kafka-'))).toHaveLength(1)
  expect(processesMentioning(privateTmp).length).toBeGreaterThan(0)

  process.kill(-(child.pid as number), 'SIGINT') // what a terminal sends its foreground job on Ctrl-C
  const code = await exited
  expect(code).not.toBe(0)
  await until('the broker JVM to be gone', () => processesMentioning(join(privateTmp, 'stream-test-kafka-')).length === 0, 10_000)
  expect(readdirSync(privateTmp).filter((d) => d.startsWith('stream-test-kafka-'))).toEqual([])
  rmSync(dirname(reportFile), { recursive: true, force: true })
})
