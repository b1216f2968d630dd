// Energy pages: the live dashboard (server-sent events from /api/v1/meters/live) and a meter's history chart
// (Apache ECharts from /lib, zoomable). No inline scripts or styles: the Content-Security-Policy forbids them.
(function () {
  const lang = document.documentElement.lang || 'zh-Hant';
  const english = lang.startsWith('en');
  const number = new Intl.NumberFormat(english ? 'en' : 'zh-TW', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const fmt = v => (v === null || v === undefined ? '—' : number.format(v));
  const hhmm = iso => (iso ? iso.substring(11, 16) : '—');

  const live = document.querySelector('[data-live-url]');
  if (live && window.EventSource) {
    const source = new EventSource(live.dataset.liveUrl);
    source.addEventListener('snapshot', event => {
      const s = JSON.parse(event.data);
      const at = document.querySelector('[data-live="at"]');
      if (at) {
        at.textContent = new Date(s.at).toLocaleString(english ? 'en-GB' : 'zh-TW', { timeZone: 'Asia/Taipei', hour12: false });
      }
      const total = document.querySelector('[data-live="total"]');
      if (total) {
        total.textContent = fmt(s.kgCo2eToday);
      }
      for (const line of s.lines) {
        const row = document.querySelector('[data-live-line="' + CSS.escape(line.code) + '"]');
        if (!row) {
          continue;
        }
        row.querySelector('[data-live="kw"]').textContent = fmt(line.kwNow);
        row.querySelector('[data-live="today"]').textContent = fmt(line.today);
        row.querySelector('[data-live="kg"]').textContent = fmt(line.kgCo2eToday);
        row.querySelector('[data-live="last"]').textContent = hhmm(line.lastReading);
      }
      const list = document.querySelector('[data-live="alarms"]');
      if (list) {
        list.replaceChildren(...s.alarms.map(a => {
          const li = document.createElement('li');
          li.dataset.testid = 'alarm';
          li.textContent = hhmm(a.hour) + ' · ' + a.name + ' (' + a.code + (english ? '): ' : ')：') + fmt(a.value) + ' ' + a.kind + ' > ' + (english ? 'limit ' : '上限 ') + fmt(a.limit);
          return li;
        }));
        const none = document.querySelector('[data-live="no-alarms"]');
        if (none) {
          none.hidden = s.alarms.length > 0;
        }
      }
      live.dataset.updates = String(Number(live.dataset.updates || '0') + 1);
    });
  }

  const history = document.querySelector('[data-history-url]');
  if (!history) {
    return;
  }

  function draw() {
    const chart = echarts.init(history, null, { renderer: 'svg' });
    new ResizeObserver(() => chart.resize()).observe(history);
    const unit = history.dataset.unit || '';
    async function load(grain) {
      const to = new Date();
      const days = { '15min': 3, hour: 14, day: 400, month: 3700 }[grain] || 14;
      const from = new Date(to.getTime() - days * 86400000);
      const url = history.dataset.historyUrl + '?grain=' + encodeURIComponent(grain) + '&from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString());
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        return;
      }
      const series = await response.json();
      const times = series.buckets.map(b => b.start.substring(0, 16).replace('T', ' '));
      chart.setOption({
        color: ['#1f5135', '#c9822b'],
        tooltip: { trigger: 'axis', confine: true },
        legend: { bottom: 0 },
        grid: { left: 56, right: 56, top: 32, bottom: 72, containLabel: true },
        xAxis: { type: 'category', data: times },
        yAxis: [{ type: 'value', name: unit }, { type: 'value', name: 'kgCO2e' }],
        dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 28 }],
        series: [
          { type: 'bar', name: unit, data: series.buckets.map(b => b.quantity) },
          { type: 'line', name: 'kgCO2e', yAxisIndex: 1, data: series.buckets.map(b => b.kgCo2e), showSymbol: false },
        ],
      }, true);
      history.dataset.points = String(series.buckets.length);
    }
    for (const button of document.querySelectorAll('[data-grain]')) {
      button.addEventListener('click', () => load(button.dataset.grain));
    }
    load(history.dataset.grain || 'hour');
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
