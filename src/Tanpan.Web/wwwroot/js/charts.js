// Interactive charts (Apache ECharts, served from /lib, never a CDN). A page writes each chart as
// <div data-chart="id"> plus <script type="application/json" id="id-data"> with
// { kind: "bar" | "stacked" | "line" | "pie" | "hbar", unit, categories, series: [{ name, values, stack }] }.
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
