/* The HTML report's page script: draws each scenario's timeline with uPlot (inlined before this
 * script) and lists the events of a violation row, a group heading, a clicked point, or a `#ev-<id>`
 * or `#sc-<scenario>-g-<group>` link.
 * After drawing, each plot element carries data-points (events drawn), data-late (moved late by the
 * perturbation), data-judged-late (judged late by an oracle), data-violation-events (events a violation
 * names), data-copies, data-crashes, data-selected and data-rendered="true" (counts of what is in
 * view); window.streamTestReport.plots[scenario] has the same as arrays of event indices. */
/* global uPlot */
(function () {
  'use strict'
  // no red (late events, crashes), no black (copies), no selection blue
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79', '#637939', '#8c6d31']
  var LATE = '#cf222e', COPY = '#000000', CRASH = '#cf222e', RESTART = '#8250df', SELECTED = '#0969da', CULPRIT = '#9a6700'
  var HEIGHT = 380
  var MAX_ROWS = 500

  var data = JSON.parse(document.getElementById('st-data').textContent)
  var report = (window.streamTestReport = { plots: {}, rendered: 0, select: select })

  data.forEach(function (d) { if (d) makePlot(d) })
  document.addEventListener('click', onClick)
  document.addEventListener('keydown', function (e) {
    var tr = e.target.closest && e.target.closest('tr.violation')
    if (tr && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); selectViolation(tr) }
  })
  window.addEventListener('hashchange', fromHash)
  window.addEventListener('resize', function () {
    Object.keys(report.plots).forEach(function (k) {
      var p = report.plots[k]
      p.u.setSize({ width: p.el.clientWidth || 900, height: HEIGHT })
    })
  })
  fromHash()

  function color(k) { return PALETTE[k % PALETTE.length] }

  function makePlot(d) {
    var el = document.getElementById('plot-' + d.scenario)
    var n = d.events.length, S = d.series.length
    var xs = new Array(n), ys = [], st = [], late = [], copies = [], judged = [], culprits = []
    var named = new Set([].concat.apply([], d.violations))
    var epoch = true
    for (var k = 0; k < S; k++) { ys.push(new Array(n).fill(null)); st.push(new Array(n).fill(null)) }
    for (var i = 0; i < n; i++) {
      var row = d.events[i]
      xs[i] = row[0]; ys[row[1]][i] = row[2]; st[row[1]][i] = row[3]
      if (row[6] === 1) late.push(i)
      if (row[8] === 1) judged.push(i)
      if (named.has(row[4])) culprits.push(i)
      if (row[5] > 0) copies.push(i)
      if (row[2] < 1e11) epoch = false
    }
    var p = { d: d, el: el, u: null, late: late, judged: judged, culprits: culprits, copies: copies, selected: [], epoch: epoch }
    var series = [{ label: 'seq' }]
    d.series.forEach(function (name, k) {
      series.push({
        label: name, stroke: color(k), fill: color(k), width: 0, paths: function () { return null },
        points: { show: true, size: 5, width: 1, stroke: color(k), fill: color(k) },
      })
    })
    d.series.forEach(function (name, k) {
      series.push({
        label: 'stream time ' + name, stroke: color(k), width: 1.25, dash: [5, 3], spanGaps: true,
        paths: uPlot.paths.stepped({ align: 1 }), points: { show: false },
      })
    })
    var opts = {
      width: el.clientWidth || 900, height: HEIGHT,
      scales: { x: { time: false } },
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: true, y: false } },
      axes: [
        { label: 'arrival order (plan position)' },
        { label: epoch ? 'event time (UTC)' : 'event time (ts, ms)', size: 100, values: function (u, splits) { return splits.map(function (v) { return tickTs(v, epoch, u) }) } },
      ],
      series: series,
      hooks: {
        draw: [function (u) { drawOverlay(p, u) }],
        setCursor: [function (u) { hover(p, u) }],
      },
    }
    p.u = new uPlot(opts, [xs].concat(ys, st), el)
    report.plots[d.scenario] = p
    legend(d, p)
    var down = null
    p.u.over.addEventListener('mousedown', function (e) { down = [e.clientX, e.clientY] })
    p.u.over.addEventListener('click', function (e) {
      var moved = down && Math.abs(e.clientX - down[0]) + Math.abs(e.clientY - down[1]) > 3
      var idx = p.u.cursor.idx
      if (moved || idx == null || !d.events[idx]) return
      var id = d.events[idx][4]
      select(d.scenario, [id], 'Event ' + id)
    })
  }

  /** Crash and restart lines; late, judged-late, violation and copy markers; the selection; then the counts as data attributes. */
  function drawOverlay(p, u) {
    var ctx = u.ctx, px = uPlot.pxRatio, b = u.bbox, d = p.d
    ctx.save()
    ctx.setLineDash([])
    ctx.beginPath(); ctx.rect(b.left, b.top, b.width, b.height); ctx.clip()
    d.crashes.forEach(function (c) { vline(u, u.valToPos(c.afterSeq + 0.5, 'x', true), CRASH, 'crash (' + c.outputsAtKill + ' outputs)') })
    d.restarts.forEach(function (seq) { vline(u, u.valToPos(seq, 'x', true), RESTART, 'broker restart') })
    ;(d.bands || []).forEach(function (band, i) { shade(u, u.valToPos(band.from + 0.5, 'x', true), u.valToPos(band.to + 0.5, 'x', true), i, band.label) })
    ctx.lineWidth = 1.5 * px
    ctx.strokeStyle = LATE
    p.late.forEach(function (i) {
      var at = pos(u, d.events[i]), r = 6 * px
      ctx.beginPath(); ctx.moveTo(at[0], at[1] - r); ctx.lineTo(at[0] + r, at[1] + r * 0.8); ctx.lineTo(at[0] - r, at[1] + r * 0.8); ctx.closePath(); ctx.stroke()
    })
    // judged late by an oracle (a correct engine drops it): a filled triangle
    ctx.fillStyle = LATE
    p.judged.forEach(function (i) {
      var at = pos(u, d.events[i]), r = 5 * px
      ctx.beginPath(); ctx.moveTo(at[0], at[1] - r); ctx.lineTo(at[0] + r, at[1] + r * 0.8); ctx.lineTo(at[0] - r, at[1] + r * 0.8); ctx.closePath(); ctx.fill()
    })
    // named by a violation: a diamond
    ctx.strokeStyle = CULPRIT
    p.culprits.forEach(function (i) {
      var at = pos(u, d.events[i]), r = 7 * px
      ctx.beginPath(); ctx.moveTo(at[0], at[1] - r); ctx.lineTo(at[0] + r, at[1]); ctx.lineTo(at[0], at[1] + r); ctx.lineTo(at[0] - r, at[1]); ctx.closePath(); ctx.stroke()
    })
    ctx.strokeStyle = COPY
    p.copies.forEach(function (i) {
      var at = pos(u, d.events[i]), r = 4 * px
      ctx.beginPath(); ctx.moveTo(at[0] - r, at[1] - r); ctx.lineTo(at[0] + r, at[1] + r); ctx.moveTo(at[0] + r, at[1] - r); ctx.lineTo(at[0] - r, at[1] + r); ctx.stroke()
    })
    ctx.strokeStyle = SELECTED
    ctx.lineWidth = 2.5 * px
    p.selected.forEach(function (i) {
      var at = pos(u, d.events[i])
      ctx.beginPath(); ctx.arc(at[0], at[1], 9 * px, 0, 2 * Math.PI); ctx.stroke()
    })
    ctx.restore()
    var inView = function (i) { var x = d.events[i][0]; return x >= u.scales.x.min && x <= u.scales.x.max }
    var drawn = 0
    for (var k = 1; k <= d.series.length; k++) {
      var s = u.series[k], col = u.data[k]
      if (!s.show || !s.idxs) continue
      for (var j = s.idxs[0]; j <= s.idxs[1]; j++) if (col[j] != null) drawn++
    }
    var el = p.el
    el.dataset.points = String(drawn)
    el.dataset.late = String(p.late.filter(inView).length)
    el.dataset.judgedLate = String(p.judged.filter(inView).length)
    el.dataset.violationEvents = String(p.culprits.filter(inView).length)
    el.dataset.copies = String(p.copies.filter(inView).length)
    el.dataset.crashes = String(d.crashes.length)
    el.dataset.selected = String(p.selected.length)
    p.drawn = drawn
    if (el.dataset.rendered !== 'true') { el.dataset.rendered = 'true'; report.rendered++ }
  }

  function vline(u, x, stroke, label) {
    var ctx = u.ctx, px = uPlot.pxRatio, b = u.bbox
    if (!(x >= b.left && x <= b.left + b.width)) return
    ctx.save()
    ctx.strokeStyle = stroke; ctx.lineWidth = 1.5 * px; ctx.setLineDash([6 * px, 4 * px])
    ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke()
    ctx.fillStyle = stroke; ctx.font = (11 * px) + 'px sans-serif'
    ctx.fillText(label, x + 4 * px, b.top + 12 * px)
    ctx.restore()
  }

  /** A broker or network fault: a translucent band over the plan positions it lasted, its label on top (stacked when bands overlap). */
  function shade(u, x0, x1, i, label) {
    var ctx = u.ctx, px = uPlot.pxRatio, b = u.bbox
    var left = Math.max(b.left, Math.min(x0, x1)), right = Math.min(b.left + b.width, Math.max(x0, x1, x0 + 2 * px))
    if (right < left) return
    ctx.save()
    ctx.fillStyle = 'rgba(130, 80, 223, 0.12)'
    ctx.fillRect(left, b.top, right - left, b.height)
    ctx.fillStyle = RESTART; ctx.font = (11 * px) + 'px sans-serif'
    ctx.fillText(label, left + 4 * px, b.top + (26 + 14 * i) * px)
    ctx.restore()
  }

  function pos(u, row) { return [u.valToPos(row[0], 'x', true), u.valToPos(row[2], 'y', true)] }

  function hover(p, u) {
    var el = document.getElementById('hover-' + p.d.scenario), idx = u.cursor.idx
    var row = idx == null ? null : p.d.events[idx]
    el.textContent = row ? describe(p, row) : '\u00a0'
  }

  function describe(p, row) {
    return 'seq ' + row[0] + ' · ' + p.d.series[row[1]] + ' · ts ' + fullTs(row[2], p.epoch) + ' · id ' + row[4] +
      (row[5] > 0 ? ' · copy ' + row[5] : '') + (lateness(row) ? ' · ' + lateness(row) : '') + (row[7] ? ' · ' + row[7] : '')
  }

  /** `late` (moved by the perturbation), `judged late` (by an oracle), both, or '' */
  function lateness(row) {
    return [row[6] === 1 ? 'late' : '', row[8] === 1 ? 'judged late' : ''].filter(Boolean).join(', ')
  }

  function legend(d, p) {
    var el = document.getElementById('legend-' + d.scenario), items = []
    d.series.forEach(function (name, k) { items.push(swatch('background:' + color(k) + ';border-radius:50%') + esc(name)) })
    items.push(swatch('border-top:2px dashed #555;height:0;margin-bottom:4px') + 'stream time (per partition)')
    items.push('<span style="color:' + LATE + '">△</span> moved late (perturbation)')
    if (p.judged.length) items.push('<span style="color:' + LATE + '">▲</span> judged late (a correct engine drops it)')
    if (p.culprits.length) items.push('<span style="color:' + CULPRIT + '">◇</span> named by a violation')
    items.push('<span style="color:' + COPY + '">✕</span> duplicated copy')
    if (d.crashes.length) items.push(swatch('border-left:2px dashed ' + CRASH + ';width:0') + 'SUT crash')
    if (d.restarts.length) items.push(swatch('border-left:2px dashed ' + RESTART + ';width:0') + 'broker restart')
    if (d.bands && d.bands.length) items.push(swatch('background:rgba(130, 80, 223, 0.12)') + 'broker or network fault')
    items.push('<span style="color:' + SELECTED + '">◯</span> selected')
    el.innerHTML = items.map(function (h) { return '<span>' + h + '</span>' }).join('')
  }

  function swatch(style) { return '<span class="sw" style="' + style + '"></span>' }

  function onClick(e) {
    var a = e.target.closest && e.target.closest('tr.violation a[data-id]')
    if (a) {
      e.preventDefault()
      var tr = a.closest('tr.violation'), id = a.dataset.id
      history.replaceState(null, '', '#ev-' + encodeURIComponent(id))
      select(Number(tr.dataset.scenario), [id], 'Event ' + id, tr)
      return
    }
    var row = e.target.closest && e.target.closest('tr.violation')
    if (row) return selectViolation(row)
    var head = e.target.closest && e.target.closest('.group > h4')
    if (head) selectGroup(head.parentNode)
  }

  /** Rings the events of every violation of a group (`div.group`, its rows in the page); the page stays where it is. */
  function selectGroup(div) {
    var sc = Number(div.dataset.scenario), d = data[sc]
    if (!d) return
    var ids = []
    div.querySelectorAll('tr.violation').forEach(function (tr) { ids = ids.concat(d.violations[Number(tr.dataset.violation)] || []) })
    select(sc, ids, 'Events of ' + div.querySelector('h4 .count').textContent, undefined, true)
  }

  function selectViolation(tr) {
    var sc = Number(tr.dataset.scenario), v = Number(tr.dataset.violation), d = data[sc]
    if (!d) return
    var kind = tr.querySelector('.kind')
    select(sc, d.violations[v] || [], 'Events of violation ' + (v + 1) + (kind ? ' (' + kind.firstChild.textContent + ')' : ''), tr)
  }

  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1))
    if (h.indexOf('ev-') === 0) {
      var id = h.slice(3)
      data.forEach(function (d) {
        if (d && d.events.some(function (r) { return r[4] === id })) select(d.scenario, [id], 'Event ' + id)
      })
      return
    }
    var m = /^sc-(\d+)-([vg])-(\d+)$/.exec(h)
    var el = m && document.getElementById(h)
    if (el && m[2] === 'v') selectViolation(el)
    if (el && m[2] === 'g') selectGroup(el)
  }

  /** Rings the events with these ids in scenario `sc`'s plot and lists them under it; scrolls the plot into view unless `stay`. */
  function select(sc, ids, title, tr, stay) {
    var p = report.plots[sc]
    if (!p) return
    var want = new Set(ids), found = new Set(), sel = []
    p.d.events.forEach(function (r, i) { if (want.has(r[4])) { sel.push(i); found.add(r[4]) } })
    p.selected = sel
    p.u.redraw(false)
    var section = document.getElementById('sc-' + sc)
    section.querySelectorAll('tr.violation.selected').forEach(function (x) { x.classList.remove('selected') })
    if (tr) tr.classList.add('selected')
    var box = document.getElementById('events-' + sc)
    document.getElementById('events-title-' + sc).textContent = title + ': ' + sel.length + ' plotted event' + (sel.length === 1 ? '' : 's')
    document.getElementById('events-body-' + sc).innerHTML = sel.slice(0, MAX_ROWS).map(function (i) {
      var r = p.d.events[i]
      return '<tr data-id="' + esc(r[4]) + '" data-seq="' + r[0] + '"><td>' + esc(r[4]) + '</td><td>' + esc(p.d.series[r[1]]) + '</td><td>' + r[0] +
        '</td><td>' + esc(fullTs(r[2], p.epoch)) + '</td><td>' + (r[5] > 0 ? 'copy ' + r[5] : 'original') + '</td><td>' + lateness(r) +
        '</td><td>' + esc(r[7] || '') + '</td></tr>'
    }).join('') + (sel.length > MAX_ROWS ? '<tr><td colspan="7">… and ' + (sel.length - MAX_ROWS) + ' more</td></tr>' : '')
    var missing = ids.filter(function (id) { return !found.has(id) })
    var miss = document.getElementById('events-missing-' + sc)
    miss.hidden = missing.length === 0
    miss.textContent = missing.length === 0 ? '' : missing.length + ' id' + (missing.length === 1 ? ' is' : 's are') +
      ' not in the plotted timeline (sampled out, or not an input event): ' + missing.slice(0, 20).join(', ') + (missing.length > 20 ? ' …' : '')
    box.hidden = false
    box.dataset.count = String(sel.length)
    box.dataset.ids = Array.from(found).join(' ')
    if (!stay && box.scrollIntoView) document.getElementById('timeline-' + sc).scrollIntoView({ block: 'nearest' })
  }

  function tickTs(v, epoch, u) {
    if (!epoch) return String(v)
    var span = u.scales.y.max - u.scales.y.min
    var iso = new Date(v).toISOString()
    return span > 864e5 ? iso.slice(5, 16).replace('T', ' ') : span > 6e4 ? iso.slice(11, 19) : iso.slice(11, 23)
  }

  function fullTs(v, epoch) { return epoch ? v + ' (' + new Date(v).toISOString() + ')' : String(v) }

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  }
})()
