// report.html's charts: reads the JSON in #hsim-data and draws inline SVG and tables. Vanilla JS,
// no external resources. When done it writes what it drew into #hsim-status (data-ready="1" and
// element counts) for the browser test; errors are collected by the handler installed before it.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('hsim-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1',
                 '#ff9da7', '#9c755f', '#86bcb6', '#d37295', '#a0cbe8', '#8cd17d', '#f1ce63'];

  function svg(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(tag, attrs, text, parent) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, attrs) {
    var t = svg('text', Object.assign({x: x, y: y}, attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  // {"fields": [...], "rows": [[...]]} -> array of objects.
  function rows(t) {
    return t.rows.map(function (r) {
      var o = {};
      t.fields.forEach(function (f, i) { o[f] = r[i]; });
      return o;
    });
  }
  function fmtTime(ps) {
    var a = Math.abs(ps);
    if (a === 0) return '0';
    if (a >= 1e9) return (ps / 1e9).toFixed(3) + ' ms';
    if (a >= 1e6) return (ps / 1e6).toFixed(2) + ' \u00b5s';
    return (ps / 1e3).toFixed(1) + ' ns';
  }
  // A tick label: the unit of the step, as many decimals as the step needs.
  function fmtTick(ps, step) {
    if (ps === 0) return '0';
    var unit = step >= 1e8 ? [1e9, ' ms'] : step >= 1e5 ? [1e6, ' \u00b5s'] : [1e3, ' ns'];
    var places = Math.max(0, Math.ceil(-Math.log10(step / unit[0]) - 1e-9));
    return (ps / unit[0]).toFixed(places) + unit[1];
  }
  function fmtBytes(b) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'], i = 0;
    while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
    return i ? b.toFixed(1) + ' ' + units[i] : b + ' B';
  }
  function fmtEnergy(fj) { return (fj / 1e12).toFixed(3) + ' mJ'; }
  function pct(x) { return (100 * x).toFixed(x > 0 && x < 0.095 ? 1 : 0) + '%'; }
  function width(el) { return Math.max(360, el.clientWidth || 0); }
  // A round step giving about `n` ticks over `span`.
  function tickStep(span, n) {
    var raw = span / n, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    return p * (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10);
  }

  var tip = document.getElementById('tip');
  function showTip(ev, s) {
    tip.textContent = s;
    tip.hidden = false;
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth) x = ev.clientX - tip.offsetWidth - 10;
    if (y + tip.offsetHeight > window.innerHeight) y = ev.clientY - tip.offsetHeight - 10;
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hideTip() { tip.hidden = true; }

  // Horizontal bars: items {label, parts: [{value, cls, fill, title}], note}, scaled to `max`.
  function hbars(host, items, max, cls, right) {
    var W = width(host), L = Math.min(170, W / 4), R = right || 150, H = 22, plot = W - L - R;
    var s = svg('svg', {width: W, height: items.length * H + 6}, host);
    items.forEach(function (it, i) {
      var y = 3 + i * H, x = L;
      text(s, L - 8, y + 14, it.label, {'text-anchor': 'end'});
      it.parts.forEach(function (p) {
        var w = max > 0 ? plot * p.value / max : 0;
        var r = svg('rect', {x: x, y: y + 3, width: Math.max(w, 0), height: H - 8,
                             fill: p.fill, 'class': cls}, s);
        if (p.title) svg('title', {}, r).textContent = p.title;
        x += w;
      });
      text(s, x + 6, y + 14, it.note, {'class': 'muted'});
    });
    return s;
  }

  var meta = D.meta, summary = D.summary;
  var ops = rows(D.ops), timings = rows(D.timings), transfers = rows(D.transfers);
  var lanes = D.lanes, makespan = Math.max(summary.makespan_ps, 1);

  // Per op: why it took what it took and what it waited on.
  timings.forEach(function (t, i) {
    t.index = i;
    t.info = ops[t.op];
    t.dur = t.end - t.start;
    t.share = t.dur > 0 ? Math.min(1, t.compute / t.dur) : 1;
    t.bound = t.share >= 0.5 ? 'compute' : 'memory';
    t.gbps = t.dur > 0 ? (t.loaded + t.stored) * 1000 / t.dur : 0;
    t.why = t.bound === 'compute'
        ? 'computing ' + pct(t.share) + ' of the time'
        : 'waiting on data ' + pct(1 - t.share) + ': ' + fmtBytes(t.loaded + t.stored) + ' at ' +
          t.gbps.toFixed(1) + ' GB/s';
    t.waited = t.wait === 'input' ? t.start - t.core_free : t.wait === 'core' ? t.start - t.ready : 0;
    t.waitText = t.wait === 'input' ? 'input from ' + ops[t.after].name
        : t.wait === 'core' ? 'core busy with ' + ops[t.after].name : '';
  });

  // --- Strategy comparison -------------------------------------------------------------------
  (function () {
    var list = D.strategies, best = Math.min.apply(null, list.map(function (s) { return s.latency_ps; }));
    var host = document.getElementById('strategy-chart');
    hbars(host, list.map(function (s) {
      return {label: s.name, note: fmtTime(s.latency_ps) + (s.latency_ps === best ? '  best' : ''),
              parts: [{value: s.latency_ps, fill: s.latency_ps === best ? '#2f6fdb' : '#9db5dd',
                       title: s.name + ': ' + fmtTime(s.latency_ps) + ' per inference'}]};
    }), Math.max.apply(null, list.map(function (s) { return s.latency_ps; })), 'bar');
    var tb = document.getElementById('strategy-table');
    var head = html('tr', {}, null, html('thead', {}, null, tb));
    var links = list.some(function (s) { return s.link_bytes > 0; });
    ['#', 'strategy', 'latency', 'vs best', 'inferences/s', 'DRAM'].concat(links ? ['links'] : [])
        .concat(['energy', 'PU utilisation']).forEach(function (c, i) {
          html('th', {'class': i === 1 || c === 'PU utilisation' ? '' : 'num'}, c, head);
        });
    var body = html('tbody', {}, null, tb);
    list.forEach(function (s, i) {
      var tr = html('tr', {'class': s.name === meta.strategy ? 'best' : ''}, null, body);
      var cells = [i + 1, s.name, fmtTime(s.latency_ps), (s.latency_ps / best).toFixed(2) + 'x',
                   s.throughput.toFixed(1), fmtBytes(s.dram_bytes)]
          .concat(links ? [fmtBytes(s.link_bytes)] : [])
          .concat([fmtEnergy(s.energy_fj),
                   s.utilisation.map(function (u) { return u[0] + ' ' + pct(u[1]); }).join(', ')]);
      cells.forEach(function (c, k) {
        html('td', {'class': k === 1 || k === cells.length - 1 ? '' : 'num'}, c, tr);
      });
    });
  })();

  // --- Gantt chart ---------------------------------------------------------------------------
  var kindColour = {}, kinds = [];
  ops.forEach(function (o) {
    if (!(o.type in kindColour)) { kindColour[o.type] = PALETTE[kinds.length % PALETTE.length]; kinds.push(o.type); }
  });
  function colour(t, mode) {
    if (mode === 'group') return t.group < 0 ? '#c8ccd2' : PALETTE[t.group % PALETTE.length];
    return kindColour[t.info.type];
  }
  var gantt = (function () {
    var host = document.getElementById('gantt');
    var W = width(host), L = 170, R = 36, TOP = 24, LH = 20, plot = W - L - R;
    var H = TOP + lanes.length * LH + 4;
    var s = svg('svg', {width: W, height: H}, host);
    svg('rect', {x: L, y: TOP, width: plot, height: H - TOP}, svg('clipPath', {id: 'plot-clip'}, svg('defs', {}, s)));
    lanes.forEach(function (lane, i) {
      var g = svg('g', {'class': 'lane ' + lane.kind}, s);
      svg('rect', {'class': 'lane-bg' + (i % 2 ? ' odd' : ''), x: L, y: TOP + i * LH, width: plot, height: LH}, g);
      text(g, L - 8, TOP + i * LH + 14, lane.name, {'text-anchor': 'end'});
    });
    var axis = svg('g', {'class': 'axis'}, s);
    var plotArea = svg('g', {'clip-path': 'url(#plot-clip)'}, s);
    var bars = timings.map(function (t) {
      return svg('rect', {'class': 'op', y: TOP + t.lane * LH + 2, height: LH - 4, 'data-i': t.index,
                          fill: colour(t, 'kind')}, plotArea);
    });
    var xfers = transfers.map(function (x, i) {
      return svg('rect', {'class': 'xfer' + (x.written * 2 > x.bytes ? ' store' : ''),
                          y: TOP + x.lane * LH + 5, height: LH - 10, 'data-x': i}, plotArea);
    });
    var t0 = 0, t1 = makespan;
    function X(t) { return L + (t - t0) / (t1 - t0) * plot; }
    function place(r, a, b) {
      var x = X(a), w = Math.max(X(b) - x, 0.6);
      r.setAttribute('x', x.toFixed(2));
      r.setAttribute('width', w.toFixed(2));
    }
    function draw() {
      timings.forEach(function (t, i) { place(bars[i], t.start, t.end); });
      transfers.forEach(function (x, i) { place(xfers[i], x.start, x.end); });
      while (axis.firstChild) axis.removeChild(axis.firstChild);
      var step = tickStep(t1 - t0, Math.max(2, Math.floor(plot / 110)));
      for (var t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
        svg('line', {x1: X(t), x2: X(t), y1: TOP - 4, y2: H}, axis);
        text(axis, X(t), TOP - 8, fmtTick(t, step), {'text-anchor': 'middle', 'class': 'muted'});
      }
    }
    function zoom(t, factor) {
      var a = t - (t - t0) * factor, b = t + (t1 - t) * factor;
      if (b - a < 1000) return;  // 1 ns is as far as it goes
      if (b - a > makespan) { a = 0; b = makespan; }
      if (a < 0) { b -= a; a = 0; }
      if (b > makespan) { a -= b - makespan; b = makespan; }
      t0 = a; t1 = b;
      draw();
    }
    function timeAt(ev) {
      var box = s.getBoundingClientRect();
      return t0 + (ev.clientX - box.left - L) / plot * (t1 - t0);
    }
    s.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      zoom(Math.min(Math.max(timeAt(ev), t0), t1), Math.exp(ev.deltaY * 0.002));
    }, {passive: false});
    var drag = null;
    s.addEventListener('mousedown', function (ev) { drag = {x: ev.clientX, t0: t0, t1: t1}; s.classList.add('dragging'); });
    window.addEventListener('mouseup', function () { drag = null; s.classList.remove('dragging'); });
    window.addEventListener('mousemove', function (ev) {
      if (!drag) return;
      var dt = (ev.clientX - drag.x) / plot * (drag.t1 - drag.t0);
      var a = Math.max(0, Math.min(drag.t0 - dt, makespan - (drag.t1 - drag.t0)));
      t0 = a; t1 = a + (drag.t1 - drag.t0);
      draw();
    });
    s.addEventListener('dblclick', function () { t0 = 0; t1 = makespan; draw(); });
    s.addEventListener('mousemove', function (ev) {
      var d = ev.target.dataset || {};
      if (drag) return hideTip();
      if (d.i !== undefined) {
        var t = timings[+d.i];
        showTip(ev, t.info.name + '  (' + t.info.type + ')\n' + t.info.shapes + '\n' +
            lanes[t.lane].name + ', ' + t.dtype + (t.shards > 1 ? ', shard ' + (t.shard + 1) + '/' + t.shards : '') +
            (t.link ? ', ' + t.link : '') + (meta.inferences > 1 ? ', inference ' + t.inference : '') + '\n' +
            fmtTime(t.start) + ' \u2192 ' + fmtTime(t.end) + '  (' + fmtTime(t.dur) + ')\n' +
            'loaded ' + fmtBytes(t.loaded) + ', stored ' + fmtBytes(t.stored) + '\n' +
            t.bound + '-bound: ' + t.why + (t.waitText ? '\nwaited ' + fmtTime(t.waited) + ' for ' + t.waitText : ''));
      } else if (d.x !== undefined) {
        var x = transfers[+d.x];
        showTip(ev, lanes[x.lane].name + '\n' + fmtTime(x.start) + ' \u2192 ' + fmtTime(x.end) + '\n' +
            fmtBytes(x.bytes) + ' in ' + x.count + ' transfer' + (x.count > 1 ? 's' : '') +
            ' (' + fmtBytes(x.written) + ' written)');
      } else hideTip();
    });
    s.addEventListener('mouseleave', hideTip);
    document.getElementById('reset-zoom').addEventListener('click', function () { t0 = 0; t1 = makespan; draw(); });
    function recolour(mode) {
      timings.forEach(function (t, i) { bars[i].setAttribute('fill', colour(t, mode)); });
      var legend = document.getElementById('gantt-legend');
      legend.textContent = '';
      if (mode === 'kind') kinds.forEach(function (k) {
        var item = html('span', {}, null, legend);
        html('i', {style: 'background:' + kindColour[k]}, null, item);
        item.appendChild(document.createTextNode(k));
      });
      else legend.textContent = 'Each linked chain or split op in its own colour; ops scheduled alone in grey.';
    }
    document.getElementById('colour-by').addEventListener('change', function (ev) { recolour(ev.target.value); });
    recolour('kind');
    draw();
    return {bars: bars};
  })();

  // --- Utilisation per core: computing, running ops but waiting on data, idle ----------------
  hbars(document.getElementById('util'), rows(D.cores).map(function (c) {
    var lane = lanes.findIndex(function (l) { return l.name === c.name; }), busy = 0;
    timings.forEach(function (t) { if (t.lane === lane) busy += t.dur; });
    var compute = c.compute / makespan, data = Math.max(0, busy - c.compute) / makespan;
    return {label: c.name, note: pct(compute) + ' compute, ' + pct(data) + ' data, ' + pct(1 - compute - data) + ' idle',
            parts: [{value: compute, fill: '#2f6fdb', title: 'computing ' + fmtTime(c.compute) + ', ' + c.macs + ' MACs'},
                    {value: data, fill: '#f2b880', title: 'in ops, waiting on data ' + fmtTime(busy - c.compute)}]};
  }), 1, 'util', 220);

  // --- Memory bandwidth over time ------------------------------------------------------------
  (function () {
    var host = document.getElementById('bw'), bw = D.bandwidth;
    var W = width(host), L = 48, R = 30, T = 10, B = 24, PH = 150, plot = W - L - R;
    bw.devices.forEach(function (dev, n) {
      var max = Math.max(dev.peak_gbps, Math.max.apply(null, dev.gbps)) * 1.05 || 1;
      var s = svg('svg', {width: W, height: T + PH + B, 'class': 'bw-chart'}, host);
      var Y = function (v) { return T + PH - v / max * PH; };
      var step = tickStep(max, 4);
      for (var v = 0; v <= max; v += step) {
        svg('line', {'class': 'grid-line', x1: L, x2: W - R, y1: Y(v), y2: Y(v)}, s);
        text(s, L - 6, Y(v) + 4, v.toFixed(v < 10 && step < 1 ? 1 : 0), {'text-anchor': 'end', 'class': 'muted'});
      }
      var bx = plot / dev.gbps.length, d = 'M' + L + ',' + Y(0);
      dev.gbps.forEach(function (g, i) { d += 'L' + (L + i * bx).toFixed(1) + ',' + Y(g).toFixed(1) + 'L' + (L + (i + 1) * bx).toFixed(1) + ',' + Y(g).toFixed(1); });
      svg('path', {d: d + 'L' + (L + plot) + ',' + Y(0) + 'Z', fill: PALETTE[n % PALETTE.length], 'fill-opacity': 0.35,
                   stroke: PALETTE[n % PALETTE.length], 'class': 'bw-area'}, s);
      svg('line', {x1: L, x2: W - R, y1: Y(dev.peak_gbps), y2: Y(dev.peak_gbps), stroke: '#e15759', 'stroke-dasharray': '5 4'}, s);
      text(s, W - R - 4, Y(dev.peak_gbps) - 4, dev.name + ' DRAM peak ' + dev.peak_gbps + ' GB/s', {'text-anchor': 'end', 'class': 'muted'});
      var tstep = tickStep(makespan, Math.max(2, Math.floor(plot / 90)));
      for (var t = 0; t <= makespan; t += tstep)
        text(s, L + t / makespan * plot, T + PH + 16, fmtTick(t, tstep), {'text-anchor': 'middle', 'class': 'muted'});
      s.addEventListener('mousemove', function (ev) {
        var i = Math.floor((ev.clientX - s.getBoundingClientRect().left - L) / bx);
        if (i < 0 || i >= dev.gbps.length) return hideTip();
        showTip(ev, dev.name + ' ' + fmtTime(i * bw.bin_ps) + ' \u2013 ' + fmtTime((i + 1) * bw.bin_ps) + ': ' + dev.gbps[i] + ' GB/s');
      });
      s.addEventListener('mouseleave', hideTip);
    });
  })();

  // --- Bytes per memory level and energy -----------------------------------------------------
  var levels = rows(D.memory), maxBytes = Math.max.apply(null, levels.map(function (m) { return m.bytes; }).concat([1]));
  var levelFill = {dram: '#4e79a7', sram: '#76b7b2', local: '#59a14f', link: '#f28e2b'};
  hbars(document.getElementById('memory'), levels.map(function (m) {
    return {label: m.name, note: fmtBytes(m.bytes), parts: [{value: m.bytes, fill: levelFill[m.level]}]};
  }), maxBytes, 'level');
  var parts = rows(D.energy), total = parts.reduce(function (a, p) { return a + p.fj; }, 0);
  hbars(document.getElementById('energy'), parts.map(function (p, i) {
    return {label: p.part, note: fmtEnergy(p.fj) + ' (' + pct(total ? p.fj / total : 0) + ')',
            parts: [{value: Math.max(p.fj, 0), fill: PALETTE[i % PALETTE.length]}]};
  }), Math.max.apply(null, parts.map(function (p) { return p.fj; }).concat([1])), 'energy');

  // --- Per-op table, sortable ----------------------------------------------------------------
  (function () {
    var cols = [
      ['#', function (t) { return t.index; }, 'num'],
      ['op', function (t) { return t.info.name; }],
      ['type', function (t) { return t.info.type; }],
      ['shapes', function (t) { return t.info.shapes; }],
      ['core', function (t) { return lanes[t.lane].name; }],
      ['dtype', function (t) { return t.dtype; }],
      ['start', function (t) { return t.start; }, 'num', fmtTime],
      ['duration', function (t) { return t.dur; }, 'num', fmtTime],
      ['bound', function (t) { return t.bound; }, 'tag'],
      ['why', function (t) { return t.why; }],
      ['waited', function (t) { return t.waited; }, 'num', fmtTime],
      ['waiting on', function (t) { return t.waitText; }],
      ['loaded', function (t) { return t.loaded; }, 'num', fmtBytes],
      ['stored', function (t) { return t.stored; }, 'num', fmtBytes],
      ['link', function (t) { return t.link; }],
      ['shard', function (t) { return t.shards > 1 ? t.shard + 1 + '/' + t.shards : ''; }]
    ];
    if (meta.inferences > 1) cols.push(['inference', function (t) { return t.inference; }, 'num']);
    var tb = document.getElementById('ops-table');
    var head = html('tr', {}, null, html('thead', {}, null, tb));
    var body = html('tbody', {}, null, tb);
    var trs = timings.map(function (t) {
      var tr = html('tr', {'data-i': t.index}, null);
      cols.forEach(function (c) {
        var v = c[1](t), td = html('td', {'class': c[2] === 'num' ? 'num' : ''}, null, tr);
        if (c[2] === 'tag') html('span', {'class': 'tag ' + v}, v, td);
        else td.textContent = c[3] ? c[3](v) : v;
      });
      tr.addEventListener('mouseenter', function () { gantt.bars[t.index].classList.add('hl'); });
      tr.addEventListener('mouseleave', function () { gantt.bars[t.index].classList.remove('hl'); });
      body.appendChild(tr);
      return tr;
    });
    var sorted = -1, asc = true;
    cols.forEach(function (c, k) {
      var th = html('th', {'class': c[2] === 'num' ? 'num' : ''}, c[0], head);
      th.addEventListener('click', function () {
        asc = sorted === k ? !asc : c[2] !== 'num';
        sorted = k;
        head.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
        th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
        var order = timings.slice().sort(function (a, b) {
          var x = c[1](a), y = c[1](b), r = x < y ? -1 : x > y ? 1 : a.index - b.index;
          return asc ? r : -r;
        });
        order.forEach(function (t) { body.appendChild(trs[t.index]); });
      });
    });
  })();

  var status = document.getElementById('hsim-status');
  function count(sel) { return document.querySelectorAll(sel).length; }
  status.dataset.bars = count('#gantt rect.op');
  status.dataset.lanes = count('#gantt g.lane');
  status.dataset.coreLanes = count('#gantt g.lane.core');
  status.dataset.channelLanes = count('#gantt g.lane.channel');
  status.dataset.strategyBars = count('#strategy-chart rect.bar');
  status.dataset.opRows = count('#ops-table tbody tr');
  status.dataset.ready = '1';
})();
