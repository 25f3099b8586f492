// The search report's own sections: reads the JSON in #hsim-search-data (and the op list of the
// run data in #hsim-data, for the op-type colours the Gantt chart below uses) and draws inline SVG
// and tables. Vanilla JS, no external resources. When done it writes what it drew into
// #hsim-status (data-search-ready="1" and element counts) for the browser test.
(function () {
  'use strict';
  var S = JSON.parse(document.getElementById('hsim-search-data').textContent);
  var D = JSON.parse(document.getElementById('hsim-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  // report.js's palette, so that op types have the same colours in both Gantt charts.
  var PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1',
                 '#ff9da7', '#9c755f', '#86bcb6', '#d37295', '#a0cbe8', '#8cd17d', '#f1ce63'];
  // One hue per search (convergence lines, sample points).
  var SEARCH_HUES = [215, 140, 280, 25, 0, 180];
  var PARETO = '#e8590c';
  var OBJ = S.objective;

  function svg(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(tag, attrs, content, parent) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (content !== undefined && content !== null) e.textContent = content;
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, attrs) {
    var t = svg('text', Object.assign({x: x, y: y}, attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function rows(t) {
    return t.rows.map(function (r) {
      var o = {};
      t.fields.forEach(function (f, i) { o[f] = r[i]; });
      return o;
    });
  }
  function ms(ps) { return (ps / 1e9).toFixed(3) + ' ms'; }
  function mj(fj) { return (fj / 1e12).toFixed(3) + ' mJ'; }
  function score(v) {
    if (v === null || v === undefined) return '-';
    var x = v / OBJ.scale;
    return (OBJ.name === 'edp' ? x.toPrecision(4) : x.toFixed(3)) + ' ' + OBJ.unit;
  }
  function width(el) { return Math.max(360, el.clientWidth || 0); }
  function tickStep(span, n) {
    var raw = span / n, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    return p * (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10);
  }
  function decimals(step) { return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)); }
  function searchColour(i, light) {
    return 'hsl(' + SEARCH_HUES[i % SEARCH_HUES.length] + ',' + (light ? '45%,72%' : '62%,42%') + ')';
  }
  function legend(host, items) {
    items.forEach(function (it) {
      var item = html('span', {}, null, host);
      html('i', {'class': it.cls || '', style: it.style}, null, item);
      item.appendChild(document.createTextNode(it.label));
    });
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

  // A plot frame: linear scales over [x0, x1] x [y0, y1], grid lines and tick labels.
  function frame(host, o) {
    var W = width(host), H = o.height, L = 72, R = 24, T = 12, B = 40;
    var s = svg('svg', {width: W, height: H, 'class': o.cls}, host);
    var pw = W - L - R, ph = H - T - B;
    var f = {s: s, L: L, T: T, pw: pw, ph: ph,
             X: function (v) { return L + (v - o.x0) / (o.x1 - o.x0) * pw; },
             Y: function (v) { return T + ph - (v - o.y0) / (o.y1 - o.y0) * ph; }};
    var grid = svg('g', {'class': 'axis'}, s);
    var xs = tickStep(o.x1 - o.x0, Math.max(2, Math.floor(pw / 90)));
    for (var x = Math.ceil(o.x0 / xs) * xs; x <= o.x1 + xs * 1e-9; x += xs) {
      svg('line', {x1: f.X(x), x2: f.X(x), y1: T, y2: T + ph}, grid);
      text(grid, f.X(x), T + ph + 15, o.xfmt(x, xs), {'text-anchor': 'middle', 'class': 'muted'});
    }
    var ys = tickStep(o.y1 - o.y0, Math.max(2, Math.floor(ph / 45)));
    for (var y = Math.ceil(o.y0 / ys) * ys; y <= o.y1 + ys * 1e-9; y += ys) {
      svg('line', {x1: L, x2: L + pw, y1: f.Y(y), y2: f.Y(y)}, grid);
      text(grid, L - 6, f.Y(y) + 4, o.yfmt(y, ys), {'text-anchor': 'end', 'class': 'muted'});
    }
    svg('rect', {'class': 'frame', x: L, y: T, width: pw, height: ph}, s);
    text(s, L + pw / 2, H - 6, o.xlabel, {'text-anchor': 'middle', 'class': 'axis-title'});
    text(s, 14, T + ph / 2, o.ylabel, {'text-anchor': 'middle', 'class': 'axis-title',
                                      transform: 'rotate(-90 14 ' + (T + ph / 2) + ')'});
    var clip = 'clip-' + o.cls;
    svg('rect', {x: L, y: T, width: pw, height: ph}, svg('clipPath', {id: clip}, svg('defs', {}, s)));
    f.plot = svg('g', {'clip-path': 'url(#' + clip + ')'}, s);
    return f;
  }

  var searches = S.searches.map(function (s) {
    return {s: s, gens: rows(s.generations), sample: rows(s.sample), pareto: rows(s.pareto),
            repairs: rows(s.repairs), infeasible: rows(s.infeasible)};
  });
  var baselines = rows(S.baselines);
  var bestBaseline = null;
  baselines.forEach(function (b) {
    if (b.score !== null && (!bestBaseline || b.score < bestBaseline.score)) bestBaseline = b;
  });

  // --- Convergence ---------------------------------------------------------------------------
  (function () {
    var host = document.getElementById('convergence');
    var bests = [], means = [], xmax = 1;
    searches.forEach(function (r) {
      r.gens.forEach(function (g) {
        if (g.best !== null) bests.push(g.best);
        if (g.mean !== null) means.push(g.mean);
        xmax = Math.max(xmax, g.evaluations);
      });
    });
    if (bestBaseline) bests.push(bestBaseline.score);
    if (!bests.length) { html('p', {'class': 'note'}, 'No generation had a feasible candidate.', host); return; }
    // Means of early, mostly random generations can be far above everything else: the axis
    // reaches the 90th percentile of the means, and the rest is clipped at the top edge.
    var sorted = means.slice().sort(function (a, b) { return a - b; });
    var meanTop = sorted.length ? sorted[Math.floor(0.9 * (sorted.length - 1))] : 0;
    var lo = Math.min.apply(null, bests), hi = Math.max(Math.max.apply(null, bests), meanTop);
    var pad = Math.max((hi - lo) * 0.06, lo * 0.01);
    var f = frame(host, {height: 320, cls: 'conv-chart', x0: 0, x1: xmax, y0: Math.max(0, lo - pad), y1: hi + pad,
                         xfmt: function (v) { return String(Math.round(v)); },
                         yfmt: function (v, st) { return (v / OBJ.scale).toFixed(decimals(st / OBJ.scale)); },
                         xlabel: 'candidates evaluated', ylabel: OBJ.name + ' (' + OBJ.unit + ')'});
    if (bestBaseline) {
      svg('line', {'class': 'baseline-line', x1: f.L, x2: f.L + f.pw, y1: f.Y(bestBaseline.score), y2: f.Y(bestBaseline.score)}, f.plot);
    }
    searches.forEach(function (r, i) {
      var meanPath = '', bestPath = '', last = null;
      r.gens.forEach(function (g) {
        if (g.mean !== null) meanPath += (meanPath ? 'L' : 'M') + f.X(g.evaluations).toFixed(1) + ',' + f.Y(g.mean).toFixed(1);
        if (g.best === null) return;
        var x = f.X(g.evaluations).toFixed(1), y = f.Y(g.best).toFixed(1);
        // Best so far is a step: it holds until the generation that improves on it.
        bestPath += last ? 'H' + x + 'V' + y : 'M' + x + ',' + y;
        last = g;
      });
      if (meanPath) svg('path', {'class': 'conv-mean', d: meanPath, stroke: searchColour(i, true)}, f.plot);
      svg('path', {'class': 'conv-best-line', d: bestPath, stroke: searchColour(i)}, f.plot);
    });
    if (bestBaseline)
      text(f.plot, f.L + f.pw - 6, f.Y(bestBaseline.score) - 5, 'best baseline: ' + bestBaseline.name + ', ' + score(bestBaseline.score),
           {'text-anchor': 'end', 'class': 'baseline-label'});
    searches.forEach(function (r, i) {
      r.gens.forEach(function (g) {
        if (g.best === null) return;
        svg('circle', {'class': 'conv-best', cx: f.X(g.evaluations).toFixed(1), cy: f.Y(g.best).toFixed(1), r: 2.6,
                       fill: searchColour(i)}, f.s);
      });
    });
    f.s.addEventListener('mousemove', function (ev) {
      var box = f.s.getBoundingClientRect(), x = ev.clientX - box.left;
      if (x < f.L || x > f.L + f.pw) return hideTip();
      var lines = [];
      searches.forEach(function (r) {
        var near = null;
        r.gens.forEach(function (g) { if (!near || Math.abs(f.X(g.evaluations) - x) < Math.abs(f.X(near.evaluations) - x)) near = g; });
        if (near) lines.push(r.s.strategy + ', generation ' + near.generation + ' (' + near.evaluations + ' evaluated):\n  best ' +
                             score(near.best) + ', mean ' + score(near.mean) + ' of ' + near.feasible + ' feasible');
      });
      showTip(ev, lines.join('\n'));
    });
    f.s.addEventListener('mouseleave', hideTip);
    var items = [];
    searches.forEach(function (r, i) {
      items.push({label: r.s.strategy + ': best so far', cls: 'line', style: 'background:' + searchColour(i)});
      items.push({label: r.s.strategy + ': generation mean', cls: 'line dashed', style: 'border-color:' + searchColour(i, true)});
    });
    if (bestBaseline) items.push({label: 'best baseline', cls: 'line dotted', style: 'border-color:#c0392b'});
    legend(document.getElementById('convergence-legend'), items);
  })();

  // --- Latency vs energy ---------------------------------------------------------------------
  // Two views: near the best (default: the front, the top candidates and the best baseline, with
  // room around them) and everything (slow outliers such as the one-core baseline included).
  (function () {
    var host = document.getElementById('scatter'), best = S.top[0];
    var all = [];
    searches.forEach(function (r) {
      r.sample.forEach(function (p) { all.push(p); });
      r.pareto.forEach(function (p) { all.push(p); });
    });
    baselines.forEach(function (b) { all.push(b); });
    S.top.forEach(function (t) { all.push(t); });
    var evaluated = 0, sampled = 0;
    searches.forEach(function (r) { evaluated += r.s.evaluations; sampled += r.sample.length; });
    function extent(list, key) {
      var v = list.map(function (p) { return p[key]; });
      return [Math.min.apply(null, v), Math.max.apply(null, v)];
    }
    function range(mode) {
      var xr = extent(all, 'latency'), yr;
      if (mode === 'near') {
        var focus = S.top.slice();
        searches.forEach(function (r) { r.pareto.forEach(function (p) { focus.push(p); }); });
        if (bestBaseline) focus.push(bestBaseline);
        var fx = extent(focus, 'latency');
        xr = [xr[0], Math.max(fx[1] + (fx[1] - xr[0]) * 0.25, xr[0] * 1.2)];
        yr = extent(all.filter(function (p) { return p.latency <= xr[1]; }), 'energy');
      } else {
        yr = extent(all, 'energy');
      }
      var px = Math.max((xr[1] - xr[0]) * 0.04, xr[1] * 0.005), py = Math.max((yr[1] - yr[0]) * 0.06, yr[1] * 0.005);
      return {x0: Math.max(0, xr[0] - px), x1: xr[1] + px, y0: Math.max(0, yr[0] - py), y1: yr[1] + py};
    }
    function draw(mode) {
      host.textContent = '';
      var r0 = range(mode);
      var f = frame(host, {height: 420, cls: 'scatter-chart', x0: r0.x0, x1: r0.x1, y0: r0.y0, y1: r0.y1,
                           xfmt: function (v, st) { return (v / 1e9).toFixed(decimals(st / 1e9)); },
                           yfmt: function (v, st) { return (v / 1e12).toFixed(decimals(st / 1e12)); },
                           xlabel: 'latency (ms)', ylabel: 'energy (mJ)'});
      var outside = 0;
      searches.forEach(function (r, i) {
        var n = Math.max(1, r.s.evaluations - 1), hue = SEARCH_HUES[i % SEARCH_HUES.length];
        r.sample.forEach(function (p) {
          if (p.latency > r0.x1 || p.energy > r0.y1) outside++;
          // Early candidates light, late ones dark.
          var t = p.evaluation / n;
          var c = svg('circle', {'class': 'sample', cx: f.X(p.latency).toFixed(1), cy: f.Y(p.energy).toFixed(1), r: 2.4,
                                 fill: 'hsl(' + hue + ',55%,' + (82 - 50 * t).toFixed(0) + '%)'}, f.plot);
          c.dataset.tip = r.s.strategy + ' candidate ' + (p.evaluation + 1) + '\n' + ms(p.latency) + ', ' + mj(p.energy);
        });
      });
      searches.forEach(function (r) {
        var d = '';
        r.pareto.forEach(function (p, k) {
          var x = f.X(p.latency).toFixed(1), y = f.Y(p.energy).toFixed(1);
          d += k ? 'H' + x + 'V' + y : 'M' + x + ',' + y;
        });
        if (r.pareto.length > 1) svg('path', {'class': 'pareto-line', d: d, stroke: PARETO}, f.plot);
        r.pareto.forEach(function (p, k) {
          var c = svg('circle', {'class': 'pareto', cx: f.X(p.latency).toFixed(1), cy: f.Y(p.energy).toFixed(1), r: 4.5,
                                 fill: PARETO}, f.plot);
          c.dataset.tip = r.s.strategy + ' Pareto point ' + (k + 1) + ' of ' + r.pareto.length + '\n' + ms(p.latency) + ', ' + mj(p.energy);
        });
      });
      var hidden = [], labels = [];
      baselines.forEach(function (b) {
        if (b.latency > r0.x1 || b.energy > r0.y1) { hidden.push(b.name); return; }
        var x = f.X(b.latency), y = f.Y(b.energy);
        var m = svg('rect', {'class': 'baseline', x: x - 4.5, y: y - 4.5, width: 9, height: 9,
                             transform: 'rotate(45 ' + x.toFixed(1) + ' ' + y.toFixed(1) + ')'}, f.plot);
        m.dataset.tip = 'baseline ' + b.name + '\n' + ms(b.latency) + ', ' + mj(b.energy);
        // Labels of nearby baselines stack instead of overlapping (about 6 px per character).
        var lx = x + 8, ly = y - 6, w = 6 * b.name.length;
        while (labels.some(function (o) { return lx < o.x + o.w && o.x < lx + w && Math.abs(ly - o.y) < 12; })) ly += 12;
        labels.push({x: lx, y: ly, w: w});
        text(f.plot, lx, ly, b.name, {'class': 'baseline-label'});
      });
      if (best) {
        var bx = f.X(best.latency), by = f.Y(best.energy);
        var ring = svg('circle', {'class': 'best-ring', cx: bx.toFixed(1), cy: by.toFixed(1), r: 8}, f.plot);
        ring.dataset.tip = best.label + ' (best by ' + OBJ.name + ')\n' + ms(best.latency) + ', ' + mj(best.energy);
        text(f.plot, bx + 10, by + 14, best.label, {'class': 'best-label'});
      }
      f.s.addEventListener('mousemove', function (ev) {
        var t = ev.target.dataset && ev.target.dataset.tip;
        if (t) showTip(ev, t); else hideTip();
      });
      f.s.addEventListener('mouseleave', hideTip);
      document.getElementById('scatter-note').textContent =
          sampled + ' of the ' + evaluated + ' candidates evaluated (a sample spread evenly over the search), light early to dark late; ' +
          'the Pareto front of all of them (no candidate both faster and more frugal) in orange; the baselines as diamonds' +
          (best ? '; ' + best.label + ', the best by ' + OBJ.name + ', ringed' : '') + '.' +
          (mode === 'near' && (outside || hidden.length)
              ? ' This view leaves out ' + outside + ' sampled candidate' + (outside === 1 ? '' : 's') +
                (hidden.length ? ' and the baseline' + (hidden.length > 1 ? 's ' : ' ') + hidden.join(', ') : '') + ': show all to see them.'
              : '');
    }
    var buttons = document.querySelectorAll('#scatter-view button');
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        buttons.forEach(function (o) { o.classList.toggle('on', o === b); });
        draw(b.dataset.view);
      });
    });
    draw('near');
    legend(document.getElementById('scatter-legend'),
           [{label: 'sampled candidate, early \u2192 late', cls: 'dot ramp'},
            {label: 'Pareto front', cls: 'dot', style: 'background:' + PARETO},
            {label: 'baseline', cls: 'diamond'}]);
  })();

  // --- Top candidates side by side -----------------------------------------------------------
  var kindColour = {}, nKinds = 0;
  rows(D.ops).forEach(function (o) { if (!(o.type in kindColour)) kindColour[o.type] = PALETTE[nKinds++ % PALETTE.length]; });
  S.types.forEach(function (t) { if (!(t in kindColour)) kindColour[t] = PALETTE[nKinds++ % PALETTE.length]; });
  (function () {
    var host = document.getElementById('top-cards'), top = S.top;
    var span = Math.max.apply(null, top.map(function (t) { return t.makespan; }).concat([1]));
    host.style.gridTemplateColumns = 'repeat(' + top.length + ', minmax(230px, 1fr))';
    var kept = searches.map(function (r) { return r.s.kept; }).reduce(function (a, b) { return a + b; }, 0);
    document.getElementById('top-note').textContent =
        'The ' + top.length + ' best candidates by ' + OBJ.name + (kept > top.length ? ' (of the ' + kept + ' kept)' : '') +
        ', each run in full. Gantt charts share one time scale: ' + ms(span) + ' across. Hover a bar for its op.';
    top.forEach(function (t, k) {
      var card = html('div', {'class': 'top-card' + (k === 0 ? ' first' : '')}, null, host);
      html('h3', {}, t.label, card);
      html('div', {'class': 'big'}, ms(t.latency), card);
      var dl = html('dl', {}, null, card);
      function item(a, b) { html('dt', {}, a, dl); html('dd', {}, b, dl); }
      item('energy', mj(t.energy));
      if (OBJ.name !== 'latency') item(OBJ.name, score(t.score));
      if (bestBaseline && t.score) item('vs ' + bestBaseline.name, (bestBaseline.score / t.score).toFixed(3) + 'x');
      item('ops per PU', t.pus.map(function (p) { return p[0] + ' ' + p[1] + (p[2] > 1 ? ' (' + p[2] + ' cores)' : ''); }).join(', '));
      item('splits', t.splits ? t.splits + ' task' + (t.splits > 1 ? 's' : '') + ', ' + t.split_ops + ' ops (' +
           t.split_axes.map(function (a) { return a[0] + ' ' + a[1]; }).join(', ') + ')' : 'none');
      item('links', t.chains ? t.chains + ' chain' + (t.chains > 1 ? 's' : '') + ' of ' + t.linked_ops + ' ops' : 'none');
      if (k > 0) item('vs ' + top[0].label, t.moved + ' op' + (t.moved === 1 ? '' : 's') + ' placed differently' +
                      (t.retuned ? ', ' + t.retuned + ' with other settings' : ''));
      // The mini Gantt chart.
      var W = 230, L = 46, LH = 11, H = t.lanes.length * LH + 18;
      var s = svg('svg', {'class': 'mini-gantt', viewBox: '0 0 ' + W + ' ' + H, width: '100%', preserveAspectRatio: 'xMinYMin meet'}, card);
      t.lanes.forEach(function (name, i) {
        svg('rect', {'class': 'lane-bg' + (i % 2 ? ' odd' : ''), x: L, y: i * LH, width: W - L - 4, height: LH}, s);
        text(s, L - 4, i * LH + 8.5, name, {'text-anchor': 'end', 'class': 'mini-label'});
      });
      var X = function (ps) { return L + ps / span * (W - L - 4); };
      rows(t.bars).forEach(function (b) {
        var type = S.types[b.type];
        var r = svg('rect', {'class': 'mini-op', x: X(b.start).toFixed(2), y: b.lane * LH + 1.5,
                             width: Math.max(X(b.end) - X(b.start), 0.4).toFixed(2), height: LH - 3, fill: kindColour[type]}, s);
        r.dataset.tip = type + ' on ' + t.lanes[b.lane] + '\n' + ms(b.start) + ' \u2192 ' + ms(b.end);
      });
      svg('line', {'class': 'mini-end', x1: X(t.makespan), x2: X(t.makespan), y1: 0, y2: t.lanes.length * LH}, s);
      text(s, Math.min(X(t.makespan), W - 4), t.lanes.length * LH + 12, ms(t.makespan), {'text-anchor': 'end', 'class': 'mini-label'});
      s.addEventListener('mousemove', function (ev) {
        var d = ev.target.dataset && ev.target.dataset.tip;
        if (d) showTip(ev, d); else hideTip();
      });
      s.addEventListener('mouseleave', hideTip);
    });

    // Placement op by op.
    var P = S.placement, tb = document.getElementById('placement-table');
    var head = html('tr', {}, null, html('thead', {}, null, tb));
    html('th', {}, 'op', head);
    top.forEach(function (t) { html('th', {}, t.label, head); });
    var body = html('tbody', {}, null, tb), trs = [];
    var differing = 0;
    P.ops.forEach(function (name, i) {
      var cells = P.cells[i], retuned = P.retuned[i];
      var same = cells.every(function (c, k) { return c === cells[0] && !retuned[k]; });
      differing += !same;
      var tr = html('tr', {'class': same ? 'same' : 'differs'}, null, body);
      html('td', {}, name, tr);
      cells.forEach(function (c, k) {
        var td = html('td', {'class': k > 0 && c !== cells[0] ? 'diff' : retuned[k] ? 'retuned' : ''}, c, tr);
        if (retuned[k]) td.title = 'placed as in ' + top[0].label + ', with another priority, element type, kernel choice or chain';
      });
      trs.push(tr);
    });
    if (!differing) html('p', {'class': 'note'}, top.length > 1 ? 'The candidates place every op alike.' : 'One candidate only.',
                         document.getElementById('placement-details'));
    var box = document.getElementById('placement-differ');
    function filter() { tb.classList.toggle('only-differs', box.checked); }
    box.addEventListener('change', filter);
    filter();
  })();

  // --- Repairs and infeasibility reasons -----------------------------------------------------
  (function () {
    var host = document.getElementById('reasons');
    searches.forEach(function (r) {
      [['Repairs', r.repairs, 'repair'], ['Infeasible candidates', r.infeasible, 'infeasible']].forEach(function (part) {
        var list = part[1], total = list.reduce(function (a, x) { return a + x.count; }, 0);
        var div = html('div', {'class': 'reason-block'}, null, host);
        html('h3', {}, (searches.length > 1 ? r.s.strategy + ': ' : '') + part[0] + ' (' + total + ')', div);
        if (!list.length) { html('p', {'class': 'note'}, 'none', div); return; }
        var max = Math.max.apply(null, list.map(function (x) { return x.count; }));
        var tb = html('table', {'class': 'reasons'}, null, div), body = html('tbody', {}, null, tb);
        list.forEach(function (x) {
          var tr = html('tr', {'class': 'reason ' + part[2]}, null, body);
          html('td', {'class': 'num'}, x.count, tr);
          var bar = html('td', {'class': 'bar-cell'}, null, tr);
          html('span', {'class': 'reason-bar ' + part[2], style: 'width:' + (100 * x.count / max).toFixed(1) + '%'}, null, bar);
          html('td', {'class': 'reason-text'}, x.reason, tr);
        });
      });
    });
  })();

  var status = document.getElementById('hsim-status');
  function count(sel) { return document.querySelectorAll(sel).length; }
  status.dataset.convergencePoints = count('#convergence circle.conv-best');
  status.dataset.samplePoints = count('#scatter circle.sample');
  status.dataset.paretoPoints = count('#scatter circle.pareto');
  status.dataset.topColumns = count('#top-cards .top-card');
  status.dataset.searchReady = '1';
})();
