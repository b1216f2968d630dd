// Interactive charts (Apache ECharts, served from /lib, never a CDN). A page writes each chart as
// <div data-chart="id"> plus <script type="application/json" id="id-data"> with
// { kind: "bar" | "stacked" | "line" | "pie" | "hbar" | "mac", unit, categories, series: [{ name, values, stack }] }.
// "mac" is a marginal abatement cost curve: series = [start on the x axis, end, height]; bars as wide as they abate.
// The Content-Security-Policy forbids inline style attributes, so tooltips are plain text built here.
(function () {
  const holders = document.querySelectorAll('[data-chart]');
  if (holders.length === 0) {
    return;
  }

  const palette = ['#1f5135', '#4c9a6a', '#9bc7a8', '#c9822b', '#5b6b61', '#2b6cb0', '#a0522d', '#7d5ba6', '#b8b13a', '#3a8f8f'];
  const lang = document.documentElement.lang || 'zh-Hant';
  const number = new Intl.NumberFormat(lang.startsWith('en') ? 'en' : 'zh-TW', { maximumFractionDigits: 3 });
  const escape = text => String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

  function option(spec) {
    const unit = spec.unit || '';
    const format = v => (v === null || v === undefined ? '—' : number.format(v) + (unit ? ' ' + unit : ''));
    const tooltip = {
      trigger: spec.kind === 'pie' ? 'item' : 'axis',
      confine: true,
      formatter: params => {
        const list = Array.isArray(params) ? params : [params];
        const head = list.length > 0 ? escape(list[0].name) : '';
        const rows = list.map(p => escape(p.seriesName && spec.kind !== 'pie' ? p.seriesName + '：' : '') + escape(format(p.value)) + (p.percent !== undefined ? ' (' + number.format(p.percent) + '%)' : ''));
        return [head].concat(rows).join('<br>');
      },
    };
    if (spec.kind === 'pie') {
      return {
        color: palette, tooltip, legend: { bottom: 0, type: 'scroll' },
        series: [{ type: 'pie', radius: ['40%', '70%'], name: spec.series[0].name, data: spec.categories.map((c, i) => ({ name: c, value: spec.series[0].values[i] })), label: { formatter: '{b}\n{d}%' } }],
      };
    }

    if (spec.kind === 'mac') {
      return macOption(spec, format);
    }

    const horizontal = spec.kind === 'hbar';
    const categoryAxis = { type: 'category', data: spec.categories, axisLabel: { interval: 0, hideOverlap: true } };
    const valueAxis = { type: 'value', name: unit, axisLabel: { formatter: v => number.format(v) } };
    return {
      color: palette, tooltip,
      legend: spec.series.length > 1 ? { bottom: 0, type: 'scroll' } : undefined,
      grid: { left: horizontal ? 8 : 48, right: 16, top: 32, bottom: spec.series.length > 1 ? 48 : 24, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxis,
      series: spec.series.map(s => ({
        type: s.type || (spec.kind === 'line' ? 'line' : 'bar'), name: s.name, data: s.values, stack: s.type === 'line' ? undefined : spec.kind === 'stacked' ? 'total' : s.stack || undefined,
        smooth: false, connectNulls: false, emphasis: { focus: 'series' },
      })),
    };
  }

  function macOption(spec, format) {
    const [from, to, height] = spec.series;
    const xUnit = spec.xUnit || '';
    const data = spec.categories.map((c, i) => ({ name: c, value: [from.values[i], to.values[i], height.values[i]] }));
    return {
      color: palette,
      tooltip: {
        trigger: 'item', confine: true,
        formatter: p => [escape(p.name), escape(height.name + '：' + format(p.value[2])), escape(number.format(p.value[1] - p.value[0]) + ' ' + xUnit)].join('<br>'),
      },
      grid: { left: 48, right: 16, top: 32, bottom: 32, containLabel: true },
      xAxis: { type: 'value', name: xUnit, nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: v => number.format(v) } },
      yAxis: { type: 'value', name: spec.unit, axisLabel: { formatter: v => number.format(v) } },
      series: [{
        type: 'custom', name: height.name, data, encode: { x: [0, 1], y: 2, tooltip: 2 },
        renderItem: (params, api) => {
          const start = api.coord([api.value(0), 0]);
          const end = api.coord([api.value(1), api.value(2)]);
          return {
            type: 'rect',
            shape: { x: start[0], y: Math.min(start[1], end[1]), width: Math.max(1, end[0] - start[0] - 1), height: Math.abs(start[1] - end[1]) },
            style: { fill: api.value(2) < 0 ? palette[1] : palette[3] },
          };
        },
      }],
    };
  }

  function draw() {
    for (const holder of holders) {
      const data = document.getElementById(holder.dataset.chart + '-data');
      if (!data || holder.dataset.drawn) {
        continue;
      }

      const chart = echarts.init(holder, null, { renderer: 'svg' });
      chart.setOption(option(JSON.parse(data.textContent)));
      holder.dataset.drawn = 'true';
      new ResizeObserver(() => chart.resize()).observe(holder);
    }
  }

  if (window.echarts) {
    draw();
  } else {
    const script = document.createElement('script');
    script.src = '/lib/echarts/echarts.min.js';
    script.onload = draw;
    document.head.appendChild(script);
  }
})();
