import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { envWithout, spawnCli } from '../cli/spawn-cli.ts'
import { ARGS, CHROMIUM, haveChromium } from '../../unit/report/html/chromium.ts'

const conn = inject('kafka')

/**
 * window-tumbling.jsonl documents the records Kafka Streams drops (stream time >= end + grace when they
 * arrive): lines 10, 13, 15 and 16. The scenario has no `late` perturbation: only the oracle marks them.
 */
const DROPPED_LINES = [10, 13, 15, 16]

test.skipIf(!haveChromium)('the HTML report of window-counter-ignore-grace marks the records the window oracle judged late, and the violation\'s events', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'st-window-report-')), 'report.html')
  const r = await spawnCli(
    ['run', 'scenarios/window-counter-ignore-grace.scenario.yaml', '--env', 'external', '--brokers', conn.brokers.join(','), '--registry', conn.registryUrl,
      '--seed', '7', '--reporter', 'html', '--out', out],
    envWithout('KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'STREAM_TEST_ENV'),
    120_000,
  )
  expect(r.stderr).not.toMatch(/internal error/)
  expect(r.code).toBe(0)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(pathToFileURL(out).href)
    await page.waitForFunction('window.streamTestReport?.rendered === 1', undefined, { timeout: 15_000 })
    const plot = page.locator('#plot-0')
    expect(await plot.getAttribute('data-late')).toBe('0')
    expect(await plot.getAttribute('data-judged-late')).toBe(String(DROPPED_LINES.length))
    const marked = await page.evaluate<{ judged: string[]; culprits: string[]; named: string[] }>(`(() => {
      const p = window.streamTestReport.plots[0]
      const where = (i) => p.d.events[i][7]
      return { judged: p.judged.map(where), culprits: p.culprits.map(where), named: [...document.querySelectorAll('#sc-0 td.where')].map((td) => td.textContent) }
    })()`)
    expect(marked.judged.map((w) => w.replace(/^.*window-tumbling\.jsonl:/, ''))).toEqual(DROPPED_LINES.map(String))
    // every event a violation names is marked, and here they are dropped records the buggy counter counted
    expect(marked.culprits.length).toBeGreaterThan(0)
    expect(Number(await plot.getAttribute('data-violation-events'))).toBe(marked.culprits.length)
    expect(marked.named.join('\n').split('\n').sort()).toEqual([...marked.culprits].sort())
    expect(marked.culprits.every((w) => marked.judged.includes(w))).toBe(true)
    expect(await page.locator('#legend-0').textContent()).toContain('▲ judged late (a correct engine drops it)')
    expect(errors).toEqual([])
  } finally {
    await browser.close()
  }
}, 180_000)
