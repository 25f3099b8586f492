// sweep.html: reads the sweep's results from #hsim-data and draws a chart per override axis and
// the results table in inline SVG and HTML. Vanilla JS, no external resources. When done it
// writes what it drew into #hsim-status (data-ready="1" and element counts) for the browser test;
// errors are collected by the handler the page installs before it.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('hsim-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1',
                 '#ff9da7', '#9c755f', '#86bcb6', '#d37295', '#a0cbe8', '#8cd17d', '#f1ce63'];
  var DASHES = ['', '6 3', '2 3', '10 3 2 3', '1 2', '12 4'];
  var METRICS = [
    {column: 'latency_per_inference_ps', label: 'latency per inference', unit: 'ms', scale: 1e-9},
    {column: 'energy_fj', label: 'energy', unit: 'mJ', scale: 1e-12},
    {column: 'dram_bytes', label: 'DRAM traffic', unit: 'MiB', scale: 1 / 1048576},
    {column: 'inferences_per_s', label: 'throughput', unit: 'inferences/s', scale: 1}
  ];

  function svg(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(tag, attrs, text, parent) {
    var e = document.createElement(tag);
    for (var k in attrs) if (attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function label(parent, x, y, s, attrs) {
    var t = svg('text', Object.assign({x: x, y: y}, attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function baseName(path) {
    var name = path.split('/').pop();
    var dot = name.lastIndexOf('.');
    return dot > 0 ? name.slice(0, dot) : name;
  }
  function show(dim, value) { return dim === 'board' || dim === 'net' ? baseName(value) : value; }
  function fmtNumber(v) {
    var a = Math.abs(v);
    if (a === 0) return '0';
    if (a >= 1000) return v.toFixed(0);
    if (a >= 10) return v.toFixed(1);
    if (a >= 1) return v.toFixed(2);
    return v.toPrecision(3);
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

  var col = {};
  D.columns.forEach(function (c, i) { col[c] = i; });
  var dims = D.dimensions;
  var axisStart = dims.length - D.axes;
  var nets = dims[1].values, strategies = dims[2].values;
  var status = document.getElementById('hsim-status');

  // Failed jobs, with their messages.
  var failedRows = D.rows.filter(function (r) { return r[col.status] !== 'ok'; });
  if (failedRows.length) {
    document.getElementById('failures-section').hidden = false;
    var list = document.getElementById('failures');
    failedRows.forEach(function (r) {
      var li = html('li', {}, null, list);
      var what = dims.map(function (d) { return show(d.name, r[col[d.name]]); }).join(' \u00b7 ');
      html('span', {}, what + ': ', li);
      html('span', {class: 'message'}, r[col.error] || r[col.status], li);
    });
  }

  // Chart controls: the metric, absolute or relative values, and for every other dimension with
  // more than one value, a fixed value or the geometric mean over its values.
  var state = {metric: 0, relative: false, fixed: {}};
  var controls = document.getElementById('chart-controls');
  (function () {
    var g = html('label', {class: 'group'}, 'Metric ', controls);
    var sel = html('select', {id: 'metric'}, null, g);
    METRICS.forEach(function (m, i) { html('option', {value: i}, m.label + ' (' + m.unit + ')', sel); });
    sel.addEventListener('change', function () { state.metric = +sel.value; draw(); });
    var scale = html('span', {class: 'group', id: 'scale'}, null, controls);
    [['absolute (log scale)', false], ['relative to the first value', true]].forEach(function (b) {
      var button = html('button', {class: b[1] ? '' : 'on'}, b[0], scale);
      button.addEventListener('click', function () {
        state.relative = b[1];
        Array.prototype.forEach.call(scale.children, function (c) { c.classList.toggle('on', c === button); });
        draw();
      });
    });
    dims.forEach(function (d, k) {
      if (k === 1 || k === 2 || d.values.length < 2) return;
      var g2 = html('label', {class: 'group'}, d.name + ' ', controls);
      var s = html('select', {'data-dim': d.name}, null, g2);
      html('option', {value: ''}, 'all (geometric mean)', s);
      d.values.forEach(function (v) { html('option', {value: v}, show(d.name, v), s); });
      s.addEventListener('change', function () {
        if (s.value === '') delete state.fixed[d.name]; else state.fixed[d.name] = s.value;
        draw();
      });
    });
  })();

  // Legend: colour by net, dash by strategy.
  (function () {
    var legend = document.getElementById('chart-legend');
    nets.forEach(function (n, i) {
      var item = html('span', {}, null, legend);
      html('i', {style: 'background:' + PALETTE[i % PALETTE.length]}, null, item);
      item.appendChild(document.createTextNode(baseName(n)));
    });
    strategies.forEach(function (s, i) {
      var item = html('span', {}, null, legend);
      var line = svg('svg', {width: 28, height: 8, style: 'display:inline-block;vertical-align:middle;margin-right:4px'}, item);
      svg('line', {x1: 0, y1: 4, x2: 28, y2: 4, stroke: '#1d232b', 'stroke-width': 1.8,
                   'stroke-dasharray': DASHES[i % DASHES.length]}, line);
      item.appendChild(document.createTextNode(s));
    });
  })();

  // The value of one net x strategy at one value of axis dimension `k`: the geometric mean of
  // the metric over the matching jobs that succeeded (with how many failed), or null when none did.
  function point(net, strategy, k, x, metric) {
    var logSum = 0, n = 0, failed = 0;
    D.rows.forEach(function (r) {
      if (r[col.net] !== net || r[col.strategy] !== strategy || r[col[dims[k].name]] !== x) return;
      for (var name in state.fixed)
        if (name !== dims[k].name && r[col[name]] !== state.fixed[name]) return;
      var v = +r[col[metric.column]];
      if (r[col.status] !== 'ok' || !(v > 0)) { failed++; return; }
      logSum += Math.log(v);
      n++;
    });
    if (n === 0) return null;
    return {value: Math.exp(logSum / n), jobs: n, failed: failed};
  }

  function logTicks(lo, hi) {
    var ticks = [];
    for (var p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++)
      [1, 2, 5].forEach(function (m) {
        var t = m * Math.pow(10, p);
        if (t >= lo && t <= hi) ticks.push(t);
      });
    if (ticks.length < 2) ticks = [lo, hi];
    return ticks;
  }
  function linearTicks(lo, hi) {
    var raw = (hi - lo) / 5, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    var step = p * (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10), ticks = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(t);
    return ticks;
  }

  var drawn = {charts: 0, series: 0, points: 0};
  // Draws into `box`, which is already in the grid with its siblings (so its width is final).
  function chart(box, k) {
    var metric = METRICS[state.metric], xs = dims[k].values;
    html('h3', {}, metric.label + ' against ' + dims[k].name, box);
    var series = [];
    nets.forEach(function (net, ni) {
      strategies.forEach(function (strategy, si) {
        var pts = xs.map(function (x) { return point(net, strategy, k, x, metric); });
        var base = pts.filter(function (p) { return p; })[0];
        pts = pts.map(function (p) {
          if (!p) return null;
          return {value: state.relative ? p.value / base.value : p.value * metric.scale, jobs: p.jobs,
                  failed: p.failed};
        });
        if (base) series.push({net: net, strategy: strategy, ni: ni, si: si, pts: pts});
      });
    });
    var values = [];
    series.forEach(function (s) { s.pts.forEach(function (p) { if (p) values.push(p.value); }); });
    var W = Math.max(420, box.clientWidth || 0), H = 260, L = 64, R = 14, T = 10, B = 34;
    var s = svg('svg', {width: W, height: H, class: 'sweep-chart'}, box);
    if (!values.length) {
      label(s, W / 2, H / 2, 'no finished jobs for this view', {'text-anchor': 'middle', class: 'muted'});
      return;
    }
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    var log = !state.relative, ticks, Y;
    if (log) {
      lo /= 1.15; hi *= 1.15;
      ticks = logTicks(lo, hi);
      Y = function (v) { return T + (H - T - B) * (1 - (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))); };
    } else {
      lo = Math.min(lo, 1); hi = Math.max(hi, 1);
      var pad = (hi - lo) * 0.08 || 0.05;
      lo -= pad; hi += pad;
      ticks = linearTicks(lo, hi);
      Y = function (v) { return T + (H - T - B) * (1 - (v - lo) / (hi - lo)); };
    }
    var step = (W - L - R) / xs.length;
    function X(i) { return L + step * (i + 0.5); }
    var axis = svg('g', {class: 'axis'}, s);
    ticks.forEach(function (t) {
      svg('line', {x1: L, x2: W - R, y1: Y(t), y2: Y(t), class: 'grid-line'}, axis);
      label(axis, L - 6, Y(t) + 4, fmtNumber(t), {'text-anchor': 'end', class: 'muted'});
    });
    xs.forEach(function (x, i) {
      label(axis, X(i), H - B + 16, x, {'text-anchor': 'middle'});
    });
    label(axis, 12, T + (H - T - B) / 2, state.relative ? 'relative' : metric.unit,
          {'text-anchor': 'middle', class: 'muted', transform: 'rotate(-90 12 ' + (T + (H - T - B) / 2) + ')'});
    series.forEach(function (sr) {
      var colour = PALETTE[sr.ni % PALETTE.length], d = '', pen = 'M';
      sr.pts.forEach(function (p, i) {
        if (!p) { pen = 'M'; return; }
        d += pen + X(i).toFixed(1) + ' ' + Y(p.value).toFixed(1) + ' ';
        pen = 'L';
      });
      svg('path', {class: 'series', d: d.trim(), stroke: colour,
                   'stroke-dasharray': DASHES[sr.si % DASHES.length],
                   'data-net': sr.net, 'data-strategy': sr.strategy}, s);
      drawn.series++;
      sr.pts.forEach(function (p, i) {
        if (!p) return;
        var c = svg('circle', {class: 'pt', cx: X(i), cy: Y(p.value), r: 3.5,
                               fill: p.failed ? '#fff' : colour, stroke: p.failed ? colour : '#fff',
                               'data-failed': p.failed}, s);
        drawn.points++;
        var text = baseName(sr.net) + ' \u00b7 ' + sr.strategy + '\n' + dims[k].name + ' = ' + xs[i] +
                   '\n' + fmtNumber(p.value) + (state.relative ? ' (relative)' : ' ' + metric.unit) +
                   (p.jobs > 1 ? '\ngeometric mean of ' + p.jobs + ' jobs' : '') +
                   (p.failed ? '\n' + p.failed + ' more failed (left out)' : '');
        c.addEventListener('mousemove', function (ev) { showTip(ev, text); });
        c.addEventListener('mouseleave', hideTip);
      });
    });
    drawn.charts++;
  }

  function draw() {
    var host = document.getElementById('charts');
    host.textContent = '';
    drawn = {charts: 0, series: 0, points: 0};
    var note = document.getElementById('charts-note');
    if (D.axes === 0) {
      note.textContent = 'The sweep has no override axes.';
    } else {
      var others = dims.filter(function (d, k) { return k !== 1 && k !== 2 && d.values.length > 1; })
                       .map(function (d) { return d.name; });
      note.textContent = 'One line per net (colour) and strategy (dash) against the values of each ' +
          'axis. ' + (others.length ? 'Each point is the geometric mean over the dimensions not fixed ' +
          'below (' + others.join(', ') + ') unless a value is chosen. ' : '') +
          'Failed jobs are left out of a point; a hollow point had some (hover for counts), and ' +
          'a point whose jobs all failed or are still to run is missing.';
      var boxes = [];
      for (var k = axisStart; k < dims.length; k++)
        boxes.push(html('div', {class: 'chart', 'data-axis': dims[k].name}, null, host));
      boxes.forEach(function (box, i) { chart(box, axisStart + i); });
    }
    status.dataset.charts = drawn.charts;
    status.dataset.series = drawn.series;
    status.dataset.points = drawn.points;
  }

  // The results table: every column but the job key; numbers sort as numbers.
  (function () {
    var table = document.getElementById('results-table');
    var shown = D.columns.map(function (c, i) { return i; }).filter(function (i) { return D.columns[i] !== 'job'; });
    var numeric = {latency_ps: [1e-9, ' ms', 3], latency_per_inference_ps: [1e-9, ' ms', 3],
                   inferences_per_s: [1, '', 1], dram_bytes: [1 / 1048576, ' MiB', 2],
                   link_bytes: [1 / 1048576, ' MiB', 2], energy_fj: [1e-12, ' mJ', 3]};
    var heads = {latency_ps: 'latency', latency_per_inference_ps: 'per inference',
                 inferences_per_s: 'inferences/s', dram_bytes: 'DRAM', link_bytes: 'links',
                 energy_fj: 'energy'};
    var thead = html('thead', {}, null, table), tr = html('tr', {}, null, thead);
    var ths = shown.map(function (i) {
      var c = D.columns[i];
      return html('th', {class: numeric[c] || c === 'seed' ? 'num' : '', 'data-col': i}, heads[c] || c, tr);
    });
    var tbody = html('tbody', {}, null, table);
    var trs = D.rows.map(function (r, n) {
      var row = html('tr', {'data-row': n, class: r[col.status] === 'ok' ? '' : 'error'}, null, tbody);
      shown.forEach(function (i) {
        var c = D.columns[i], v = r[i], f = numeric[c];
        if (f && v !== '') {
          html('td', {class: 'num'}, (+v * f[0]).toFixed(f[2]) + f[1], row);
        } else if (c === 'board' || c === 'net') {
          html('td', {title: v}, baseName(v), row);
        } else {
          html('td', {class: c === 'error' ? 'message' : c === 'seed' ? 'num' : '', title: c === 'error' ? v : null}, v, row);
        }
      });
      return row;
    });
    var sortCol = -1, asc = true;
    function key(r, i) {
      var v = D.rows[r][i];
      return v !== '' && isFinite(+v) ? +v : v;
    }
    ths.forEach(function (th) {
      th.addEventListener('click', function () {
        var i = +th.dataset.col;
        asc = sortCol === i ? !asc : true;
        sortCol = i;
        ths.forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
        th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
        var order = D.rows.map(function (r, n) { return n; });
        order.sort(function (a, b) {
          var x = key(a, i), y = key(b, i), c;
          if (typeof x === typeof y) c = x < y ? -1 : x > y ? 1 : 0;
          else c = typeof x === 'number' ? -1 : 1;  // numbers before text (empty cells)
          return (asc ? c : -c) || a - b;
        });
        order.forEach(function (n) { tbody.appendChild(trs[n]); });
      });
    });
    status.dataset.rows = trs.length;
    status.dataset.failed = failedRows.length;
  })();

  draw();
  status.dataset.ready = '1';
})();
