import type { Violation } from '../../oracle/violation.ts'
import type { ScenarioResult } from '../../result/index.ts'
import { stripAnsi } from '../ansi.ts'
import { formatDuration } from '../compact.ts'
import { expectedFailLabel, outcomeOf } from '../outcome.ts'
import { mismatch } from '../render-details.ts'
import { groupViolations, type ViolationGroup } from '../group-violations.ts'
import { renderCrash } from '../render-violation.ts'
import { plural } from '../../text/index.ts'
import { fragment, htmlAttr, htmlText } from './escape.ts'

const MARK = { passed: '✓', failed: '✗', errored: '!' } as const
/** ids shown as links in a violation row; the row's click selects all of them */
const IDS_SHOWN = 12
/** rows of a group shown before its `N more` expander */
const ROWS_SHOWN = 10
/** characters of expected/actual JSON shown */
const JSON_SHOWN = 2000

/**
 * One scenario as a `<section>`: verdict, fault steps, the violation groups' headings (the story), the
 * plot, then each group's rows (the first ten, the rest behind an expander), notes, SUT output.
 */
export function renderScenario(r: ScenarioResult, i: number): string {
  const outcome = outcomeOf(r)
  const caught = expectedFailLabel(r)
  const parts = [
    `<section class="scenario ${outcome}" id="sc-${i}" data-scenario="${i}" data-verdict="${r.verdict}">`,
    `<h2><span class="mark">${MARK[outcome]}</span> ${htmlText(r.name)}</h2>`,
    `<p class="meta"><code>${htmlText(r.file)}</code> · verdict <b>${r.verdict}</b> (expected ${htmlText(r.expect.verdict)})` +
      ` · ${formatDuration(r.durationMs)} · seed ${r.seed}${caught ? ` · <span class="caught">${htmlText(caught)}</span>` : ''}</p>`,
  ]
  if (outcome !== 'passed') parts.push(`<p class="mismatch">${htmlText(mismatch(r))}</p>`)
  if (r.crashes.length > 0) {
    parts.push(`<ul class="crashes">${r.crashes.map((c) => `<li>${c.kind === 'crash-sut' ? 'crash' : 'fault'}: ${htmlText(renderCrash(c))}${c.trigger ? ` (${c.trigger})` : ''}</li>`).join('')}</ul>`)
  }
  const groups = groupViolations(r)
  if (groups.length > 0) parts.push(storyList(groups, i))
  parts.push(timelineFigure(r, i))
  if (groups.length > 0) parts.push(`<h3>Violations (${r.violations.length})</h3>`, ...groups.map((g, k) => groupSection(r.violations, g, i, k)))
  if (r.notes.length > 0) {
    parts.push(`<h3>Notes <small>(not failures)</small></h3><ul class="notes">`)
    for (const n of r.notes) parts.push(`<li><b>${htmlText(n.kind)}</b> <small>[${htmlText(n.oracle)}]</small> ${htmlText(n.message)}</li>`)
    parts.push('</ul>')
  }
  if (r.sutOutput.length > 0) {
    const text = r.sutOutput.map(stripAnsi).join('\n')
    parts.push(`<details class="sut"><summary>SUT output (last ${plural(r.sutOutput.length, 'line')})</summary><pre>${htmlText(text)}</pre></details>`)
  }
  parts.push(`<p class="repeat">repeat: <code>${htmlText(r.repeat)}</code></p>`, '</section>')
  return parts.join('\n')
}

/** The groups' headings above the plot, each a link to its rows: the story in the first screen. */
function storyList(groups: readonly ViolationGroup[], i: number): string {
  const items = groups.map((g, k) => `<li><a href="#sc-${i}-g-${k}">${headingHtml(g)}</a></li>`)
  return `<ul class="story" id="story-${i}">${items.join('')}</ul>`
}

/** One group: its heading, its first rows, the rest behind a `<details>` (closed). */
function groupSection(vs: readonly Violation[], g: ViolationGroup, i: number, k: number): string {
  const rows = g.indices.map((n) => violationRow(vs[n] as Violation, n, i))
  const parts = [
    `<div class="group" id="sc-${i}-g-${k}" data-scenario="${i}" data-group="${k}" data-violations="${g.indices.length}">`,
    `<h4>${headingHtml(g)} <small>[${htmlText(g.oracle)}]</small></h4>`,
    violationTable(rows.slice(0, ROWS_SHOWN)),
  ]
  if (rows.length > ROWS_SHOWN) {
    parts.push(`<details class="more-rows"><summary>${rows.length - ROWS_SHOWN} more</summary>${violationTable(rows.slice(ROWS_SHOWN))}</details>`)
  }
  parts.push('</div>')
  return parts.join('\n')
}

/** `<b>300 × duplicated</b> — every input …` */
function headingHtml(g: ViolationGroup): string {
  return `<b class="count">${g.indices.length} × ${htmlText(g.kind)}</b>${g.cause ? ` — ${htmlText(g.cause)}` : ''}`
}

function violationTable(rows: readonly string[]): string {
  return [
    '<table class="violations"><thead><tr><th>#</th><th>kind</th><th>what</th><th>event ids</th><th>where</th><th>expected</th><th>actual</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
  ].join('\n')
}

/** Violation `n` of scenario `i` (its position in the JSON report) as a row that selects its events. */
function violationRow(v: Violation, n: number, i: number): string {
  const links = v.ids.slice(0, IDS_SHOWN).map((id) => `<a href="#ev-${htmlAttr(fragment(id))}" data-id="${htmlAttr(id)}">${htmlText(id)}</a>`)
  if (v.ids.length > IDS_SHOWN) links.push(`<span class="more">and ${v.ids.length - IDS_SHOWN} more</span>`)
  return [
    `<tr class="violation" id="sc-${i}-v-${n}" data-scenario="${i}" data-violation="${n}" tabindex="0" title="show these events in the timeline">`,
    `<td>${n + 1}</td><td class="kind">${htmlText(v.kind)}<br><small>${htmlText(v.oracle)}</small></td>`,
    `<td class="message">${htmlText(v.message)}</td>`,
    `<td class="ids">${links.join(' ')}</td>`,
    `<td class="where">${htmlText(v.where.slice(0, IDS_SHOWN).join('\n'))}${v.where.length > IDS_SHOWN ? `\n… ${v.where.length - IDS_SHOWN} more` : ''}</td>`,
    `<td class="expected">${'expected' in v ? `<pre>${htmlText(json(v.expected))}</pre>` : ''}</td>`,
    `<td class="actual">${'actual' in v ? `<pre>${htmlText(json(v.actual))}</pre>` : ''}</td>`,
    '</tr>',
  ].join('')
}

function timelineFigure(r: ScenarioResult, i: number): string {
  if (!r.timeline) return '<p class="no-timeline">No timeline: the scenario did not get as far as its plan.</p>'
  const events = r.timeline.points.filter((p) => p.kind === 'produce').length
  const sampled = events < r.timeline.total
    ? ` Sampled: ${events.toLocaleString('en')} of ${r.timeline.total.toLocaleString('en')} events plotted, evenly, the events the violations name, late events and copies first.`
    : ''
  return [
    `<figure class="timeline" id="timeline-${i}">`,
    `<div class="plot" id="plot-${i}" data-scenario="${i}" data-expected-points="${events}"></div>`,
    `<div class="legend" id="legend-${i}"></div>`,
    `<p class="hover" id="hover-${i}">&nbsp;</p>`,
    `<figcaption>Arrival order (plan position) against event time, one colour per topic/partition; dashed steps: stream time` +
      ` (largest event time so far) of each partition. Drag to zoom, double-click to reset, click a point or a violation row to list events.${sampled}</figcaption>`,
    '</figure>',
    `<div class="events" id="events-${i}" data-count="0" hidden><h3 id="events-title-${i}">Events</h3>`,
    '<table><thead><tr><th>id</th><th>topic/partition</th><th>seq</th><th>ts</th><th>copy</th><th>late</th><th>fixture line</th></tr></thead>',
    `<tbody id="events-body-${i}"></tbody></table><p class="missing" id="events-missing-${i}" hidden></p></div>`,
  ].join('\n')
}

function json(v: unknown): string {
  let text: string
  try {
    text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x), 2) ?? String(v)
  } catch {
    text = String(v)
  }
  return text.length <= JSON_SHOWN ? text : `${text.slice(0, JSON_SHOWN - 1)}…`
}
