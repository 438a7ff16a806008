import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bandChart, bandChartSummary } from './band-chart.js';

const rows = [
  { label: 'You', score: 0.78, low: 0.61, high: 0.9, occasions: 24 },
  { label: 'Sam', score: 0.5, low: 0.05, high: 0.95, occasions: 0 },
];

test('an accessible gauge with band, score and a reference at 0.5', () => {
  const out = bandChart({ title: 'Consistency', rows }).toString();
  assert.match(out, /role="img" aria-labelledby="chart-consistency-title chart-consistency-desc"/);
  assert.match(out, /<title id="chart-consistency-title">Consistency<\/title>/);
  assert.match(out, /<desc id="chart-consistency-desc">You: 0\.78, likely between 0\.61 and 0\.90 \(90% interval, 24 occasions logged\)\./);
  assert.equal((out.match(/<rect class="chart-band"/g) ?? []).length, 2);
  assert.match(out, /<line class="chart-reference" x1="180\.0"/);
  assert.doesNotMatch(out, /<[^>]*\sstyle=|<script/i);
});

test('the table has a row per partner with the interval', () => {
  const out = bandChart({ title: 'Consistency', rows }).toString();
  assert.match(out, /<caption>Consistency<\/caption>/);
  assert.match(out, /<th scope="row">You<\/th><td>0\.78<\/td><td>0\.61<\/td><td>0\.90<\/td><td>24<\/td>/);
  assert.match(out, /<th scope="row">Sam<\/th><td>0\.50<\/td><td>0\.05<\/td><td>0\.95<\/td><td>0<\/td>/);
});

test('no rows says so', () => {
  assert.equal(bandChartSummary({ title: 'C', rows: [] }), 'No agreements logged yet.');
});

test('property: labels are escaped and bands stay inside the track', () => {
  fc.assert(
    fc.property(fc.string(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (label, a, b) => {
      const [low, high] = a < b ? [a, b] : [b, a];
      const out = bandChart({ title: 'C', rows: [{ label: `<b>${label}`, score: (low + high) / 2, low, high }] }).toString();
      assert.ok(!out.includes('<b>'));
      const m = /<rect class="chart-band" x="([\d.]+)" y="[\d.]+" width="([\d.e-]+)"/.exec(out);
      assert.ok(m && Number(m[1]) >= 12 && Number(m[1]) + Number(m[2]) <= 348 + 0.1);
    }),
  );
});

test('a gauge said in words draws its labels, axis and table in those words, no decimal', () => {
  const say = (v: number) => `about ${Math.round(v * 10)} in 10`;
  const out = bandChart({
    title: 'Kept',
    rows,
    say,
    ticks: [
      { at: 0, label: 'never' },
      { at: 1, label: 'always' },
    ],
  }).toString();
  assert.match(out, />You: about 8 in 10<\/text>/);
  assert.match(out, /<th scope="row">You<\/th><td>about 8 in 10<\/td><td>about 6 in 10<\/td><td>about 9 in 10<\/td>/);
  assert.match(out, />never<\/text>.*>always<\/text>/s);
  // What a reader sees on the drawing and in the table (the summary is the page's own words, `summary`).
  const seen = out.replace(/<desc[^]*?<\/desc>|<figcaption[^]*?<\/figcaption>/g, '').replace(/<[^>]+>/g, ' ');
  assert.doesNotMatch(seen, /\d\.\d/);
});
