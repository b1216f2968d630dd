// Factor search on factors.html (external: the CSP allows no inline script).
const fmt = n => Number(n).toLocaleString('zh-TW', { maximumFractionDigits: 8 });
const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
document.getElementById('f').addEventListener('submit', async e => {
  e.preventDefault();
  const q = new URLSearchParams({ activity: activity.value, year: year.value, gwpSet: gwp.value, set: set.value });
  const res = await fetch('/api/v1/factors?' + q);
  const body = await res.json();
  if (!res.ok) { out.innerHTML = '<p class="error">' + esc(Object.entries(body.errors || {}).map(([k, v]) => k + ': ' + v.join('; ')).join(' / ')) + '</p>'; return; }
  out.innerHTML = '<table><tr><th>活動</th><th>用途/技術</th><th>係數 kgCO2e/單位</th><th>來源・版本</th></tr>' +
    body.items.map(i => '<tr><td>' + esc(i.activity) + '</td><td>' + esc([i.use, i.technology].filter(Boolean).join(' / ')) + '</td><td class="num">' +
      fmt(i.factor.value) + ' ' + esc(i.factor.unit) + '</td><td>' + esc(i.factor.source) + '<div class="muted">' + esc(i.factor.version) + ' · ' + esc(i.factor.verification) + '</div></td></tr>').join('') + '</table>';
});
