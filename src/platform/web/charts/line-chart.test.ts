import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lineChart, lineChartSummary } from './line-chart.js';
import { chartId, formatDate, niceTicks } from './chart-format.js';

const trust = {
  title: 'Trust, last 8 weeks',
  yMin: 0,
  yMax: 10,
  series: [
    {
      label: 'You',
      points: [
        { date: '2025-03-01', value: 4 },
        { date: '2025-03-02', value: 5.25 },
        { date: '2025-03-05', value: 6 },
      ],
    },
    { label: 'Sam', points: [{ date: '2025-03-02', value: 7 }] },
  ],
};

test('an accessible SVG: role img, title and desc referenced by id, responsive viewBox', () => {
  const out = lineChart({ ...trust, summary: 'Your trust is improving.' }).toString();
  assert.match(
    out,
    /<svg class="chart-svg" viewBox="0 0 360 200"[^>]*role="img" aria-labelledby="chart-trust-last-8-weeks-title chart-trust-last-8-weeks-desc"/,
  );
  assert.match(out, /<title id="chart-trust-last-8-weeks-title">Trust, last 8 weeks<\/title>/);
  assert.match(
    out,
    /<desc id="chart-trust-last-8-weeks-desc">Your trust is improving\. You: from 4\.0 on 1 Mar 2025 to 6\.0 on 5 Mar 2025/,
  );
  assert.doesNotMatch(out, /style=|<script|javascript:/i);
  assert.doesNotMatch(out, /\swidth="\d+" height="\d+" [^>]*role="img"/); // the chart itself scales
});

test('gaps are not joined; a lone point is a dot', () => {
  const out = lineChart(trust).toString();
  assert.equal((out.match(/<path class="chart-series chart-series-1 chart-line" d="M[\d. ]+L[\d. ]+"/g) ?? []).length, 1);
  assert.equal((out.match(/<circle class="chart-series chart-series-1/g) ?? []).length, 1);
  assert.equal((out.match(/<circle class="chart-series chart-series-2/g) ?? []).length, 1);
  assert.match(lineChart({ ...trust, joinWithin: 7 }).toString(), /d="M[\d. ]+L[\d. ]+L[\d. ]+"/);
});

test('the data table holds every point, with caption and header scopes', () => {
  const out = lineChart({ ...trust, valueLabel: '0–10' }).toString();
  assert.match(out, /<caption>Trust, last 8 weeks \(0–10\)<\/caption>/);
  assert.match(out, /<th scope="col">Date<\/th><th scope="col">You<\/th><th scope="col">Sam<\/th>/);
  for (const d of ['1 Mar 2025', '2 Mar 2025', '5 Mar 2025']) assert.match(out, new RegExp(`<th scope="row">${d}</th>`));
  assert.match(out, /<th scope="row">2 Mar 2025<\/th><td>5\.3<\/td><td>7\.0<\/td>/);
  assert.match(out, /<th scope="row">1 Mar 2025<\/th><td>4\.0<\/td><td class="chart-missing">—<\/td>/);
  assert.match(out, /<ul class="chart-legend">/);
});

test('monthly series are labelled by month; an empty chart says there is no data yet', () => {
  const out = lineChart({
    title: 'Monthly review',
    yMin: 1,
    yMax: 5,
    series: [
      {
        label: 'Closer',
        points: [
          { date: '2025-01', value: 3 },
          { date: '2025-02', value: 4 },
        ],
      },
    ],
  }).toString();
  assert.match(out, /<th scope="col">Month<\/th>/);
  assert.match(out, /<th scope="row">Feb 2025<\/th><td>4\.0<\/td>/);
  assert.match(out, /d="M[\d. ]+L[\d. ]+"/);
  assert.match(lineChartSummary({ title: 'x', yMin: 0, yMax: 1, series: [{ label: 'A', points: [] }] }), /A: no data yet\./);
});

test('property: labels and titles are escaped everywhere, and the markup has no style or script', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 20 }), (title, label, days) => {
      const points = days.map((d) => ({ date: new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10), value: (d * 7) % 11 }));
      const out = lineChart({ title: `<i>${title}`, yMin: 0, yMax: 10, series: [{ label: `<u onclick="x">${label}`, points }] }).toString();
      assert.doesNotMatch(out, /<[^>]*\sstyle=|<script|<i>|<u /i);
      assert.ok(out.includes('&lt;i&gt;') && out.includes('&lt;u onclick=&quot;x&quot;&gt;'));
      const rows = (out.match(/<th scope="row">/g) ?? []).length;
      assert.equal(rows, new Set(points.map((p) => p.date)).size);
    }),
  );
});

test('helpers: ids, dates, ticks', () => {
  assert.equal(chartId('Trust — "you"!'), 'chart-trust-you');
  assert.equal(chartId('<>'), 'chart-untitled');
  assert.equal(formatDate('2025-12-09'), '9 Dec 2025');
  assert.deepEqual(niceTicks(0, 10), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(1, 5), [1, 2, 3, 4, 5]);
  assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
});
