import type { ScenarioResult } from '../../result/index.ts'
import { formatDuration } from '../compact.ts'
import { outcomeOf } from '../outcome.ts'
import type { RunSummary } from '../reporter.ts'
import { loadAssets, type HtmlAssets } from './assets.ts'
import { htmlAttr, htmlText, scriptJson, scriptSource } from './escape.ts'
import { plotData } from './plot-data.ts'
import { renderScenario } from './render-scenario.ts'

const MARK = { passed: '✓', failed: '✗', errored: '!' } as const

/**
 * The whole report as one HTML document that needs no network: the verdicts, each scenario's
 * violations and timeline plot; uPlot, the page script, the CSS and the plot data are inlined.
 */
export function renderHtmlReport(results: readonly ScenarioResult[], summary: RunSummary, assets: HtmlAssets = loadAssets()): string {
  const total = summary.passed + summary.failed + summary.errored
  const counts = `${summary.passed} passed, ${summary.failed} failed, ${summary.errored} errored, ${total} total`
  const nav = results.map((r, i) => {
    const o = outcomeOf(r)
    return `<li class="${o}"><a href="#sc-${i}"><span class="mark">${MARK[o]}</span> ${htmlText(r.name)}</a>` +
      `${r.violations.length > 0 ? ` <small>${r.violations.length} violation${r.violations.length === 1 ? '' : 's'}</small>` : ''}</li>`
  })
  const data = results.map((r, i) => plotData(r, i) ?? null)
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>stream-test report: ${htmlText(counts)}</title>`,
    `<style>${assets.uplotCss}\n${assets.css}</style>`,
    '</head><body>',
    `<header><h1>stream-test report</h1><p class="summary ${summary.failed + summary.errored > 0 ? 'bad' : 'good'}" id="summary"` +
      ` data-passed="${summary.passed}" data-failed="${summary.failed}" data-errored="${summary.errored}">${htmlText(counts)}</p>`,
    `<dl><dt>duration</dt><dd>${formatDuration(summary.durationMs)}</dd><dt>seed</dt><dd>${summary.seed}</dd>` +
      `<dt>repeat</dt><dd><code>${htmlText(summary.command)}</code></dd></dl></header>`,
    `<nav><ul>${nav.join('')}</ul></nav>`,
    `<main>${results.map(renderScenario).join('\n')}</main>`,
    `<script type="application/json" id="st-data" data-scenarios="${htmlAttr(String(results.length))}">${scriptJson(data)}</script>`,
    `<script>${scriptSource(assets.uplotJs)}</script>`,
    `<script>${scriptSource(assets.clientJs)}</script>`,
    '</body></html>',
    '',
  ].join('\n')
}
