/**
 * A server-rendered line chart: an accessible inline SVG (role="img" with <title> and <desc>), a
 * plain-text summary, and the data as a table. No scripts and no style attributes (the CSP forbids
 * them): look comes from class names, with SVG presentation attributes as a readable default.
 * Series differ by dash pattern as well as by colour, so the chart works without colour.
 */
import { html, type SafeHtml } from '../html.js';
import { chartId, formatAxisDate, formatDate, formatValue, niceTicks } from './chart-format.js';

export interface ChartPoint {
  /** `YYYY-MM-DD` (daily) or `YYYY-MM` (monthly). */
  date: string;
  value: number;
}

export interface ChartSeries {
  label: string;
  points: readonly ChartPoint[];
}

export interface LineChartOptions {
  title: string;
  series: readonly ChartSeries[];
  yMin: number;
  yMax: number;
  /** Unique on the page; defaults to one made from the title. */
  id?: string;
  /** A sentence said before the generated summary, e.g. the trend verdict. */
  summary?: string;
  /** What the numbers are, for the table's header ("Trust, 0–10"). */
  valueLabel?: string;
  /** Decimal places shown in text and table. */
  digits?: number;
  /**
   * Points further apart than this many days (or months) are not joined, so a gap in the data
   * stays visible. Defaults to 1: only consecutive days (or months) are joined.
   */
  joinWithin?: number;
  /**
   * Where the data table goes: behind "Show the numbers" (the default), or left out because the
   * page shows it elsewhere with `lineChartTable` (the printable report gathers the tables at its end).
   */
  table?: 'details' | 'elsewhere';
}

const WIDTH = 360;
const HEIGHT = 200;
const PAD = { left: 30, right: 10, top: 10, bottom: 26 };
const DASHES = [null, '6 4', '2 3', '10 3 2 3'];
const DAY_MS = 86_400_000;

/** Days since the epoch for a date, months since year 0 for a month. */
function position(date: string): number {
  if (date.length === 7) return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function seriesSummary(s: ChartSeries, digits: number): string {
  const pts = [...s.points].sort((a, b) => position(a.date) - position(b.date));
  const first = pts[0];
  const last = pts.at(-1);
  if (!first || !last) return `${s.label}: no data yet.`;
  if (pts.length === 1) return `${s.label}: ${formatValue(first.value, digits)} on ${formatDate(first.date)}.`;
  const values = pts.map((p) => p.value);
  return (
    `${s.label}: from ${formatValue(first.value, digits)} on ${formatDate(first.date)} to ` +
    `${formatValue(last.value, digits)} on ${formatDate(last.date)}; lowest ${formatValue(Math.min(...values), digits)}, ` +
    `highest ${formatValue(Math.max(...values), digits)}.`
  );
}

/** The generated plain-text summary (also used as the SVG's <desc>). */
export function lineChartSummary(options: LineChartOptions): string {
  const digits = options.digits ?? 1;
  const parts = options.series.map((s) => seriesSummary(s, digits));
  return [options.summary, ...parts].filter(Boolean).join(' ');
}

export function lineChart(options: LineChartOptions): SafeHtml {
  const id = options.id ? chartId(options.id) : chartId(options.title);
  const joinWithin = options.joinWithin ?? 1;
  const { yMin, yMax } = options;
  const all = options.series.flatMap((s) => s.points.map((p) => position(p.date)));
  const xMin = all.length ? Math.min(...all) : 0;
  const xMax = all.length ? Math.max(...all) : 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (pos: number) => PAD.left + (xMax === xMin ? plotW / 2 : ((pos - xMin) / (xMax - xMin)) * plotW);
  const clamp = (v: number) => Math.min(yMax, Math.max(yMin, v));
  const y = (v: number) => PAD.top + plotH - ((clamp(v) - yMin) / (yMax - yMin || 1)) * plotH;
  const r = (n: number) => n.toFixed(1);

  const grid = niceTicks(yMin, yMax).map(
    (t) =>
      html`<line class="chart-grid" x1="${r(PAD.left)}" x2="${r(WIDTH - PAD.right)}" y1="${r(y(t))}" y2="${r(y(t))}" stroke="currentColor" stroke-opacity="0.15"/><text class="chart-axis-label" x="${r(PAD.left - 4)}" y="${r(y(t) + 4)}" text-anchor="end" font-size="11" fill="currentColor">${formatValue(t, t % 1 === 0 ? 0 : 1)}</text>`,
  );

  const dates = [...new Set(options.series.flatMap((s) => s.points.map((p) => p.date)))].sort((a, b) => position(a) - position(b));
  const axisDates = dates.length <= 2 ? dates : [dates[0]!, dates[Math.floor((dates.length - 1) / 2)]!, dates.at(-1)!];
  const anchors = ['start', 'middle', 'end'];
  const xLabels = axisDates.map(
    (d, i) =>
      html`<text class="chart-axis-label" x="${r(x(position(d)))}" y="${r(HEIGHT - 8)}" text-anchor="${axisDates.length === 1 ? 'middle' : anchors[axisDates.length === 2 ? i * 2 : i]}" font-size="11" fill="currentColor">${formatAxisDate(d)}</text>`,
  );

  const lines = options.series.map((s, i) => {
    const pts = [...s.points].sort((a, b) => position(a.date) - position(b.date));
    const segments: ChartPoint[][] = [];
    let previous = Number.NaN;
    for (const p of pts) {
      const pos = position(p.date);
      if (!(pos - previous <= joinWithin)) segments.push([]);
      segments.at(-1)!.push(p);
      previous = pos;
    }
    const cls = `chart-series chart-series-${i + 1}`;
    const dash = DASHES[i % DASHES.length];
    return segments.map((seg) =>
      seg.length === 1
        ? html`<circle class="${cls} chart-point" cx="${r(x(position(seg[0]!.date)))}" cy="${r(y(seg[0]!.value))}" r="3" fill="currentColor"/>`
        : html`<path class="${cls} chart-line" d="${seg.map((p, k) => `${k === 0 ? 'M' : 'L'}${r(x(position(p.date)))} ${r(y(p.value))}`).join(' ')}" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"${dash ? html` stroke-dasharray="${dash}"` : ''}/>`,
    );
  });

  const summary = lineChartSummary(options);
  const legend =
    options.series.length > 1
      ? html`<ul class="chart-legend">${options.series.map(
          (s, i) =>
            html`<li class="chart-series-${i + 1}"><svg class="chart-swatch" viewBox="0 0 24 8" width="24" height="8" aria-hidden="true" focusable="false"><line x1="0" y1="4" x2="24" y2="4" stroke="currentColor" stroke-width="2"${DASHES[i % DASHES.length] ? html` stroke-dasharray="${DASHES[i % DASHES.length]!}"` : ''}/></svg> ${s.label}</li>`,
        )}</ul>`
      : '';

  const table =
    options.table === 'elsewhere'
      ? ''
      : html`<details class="chart-data"><summary>Show the numbers</summary>${lineChartTable(options)}</details>`;

  return html`<figure class="chart chart-line-chart" id="${id}"><svg class="chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"><title id="${id}-title">${options.title}</title><desc id="${id}-desc">${summary}</desc><g aria-hidden="true">${grid}${xLabels}${lines}</g></svg>${legend}<figcaption class="chart-summary"><span class="chart-title">${options.title}</span> ${summary}</figcaption>${table}</figure>`;
}

/** The chart's data as a table: a row per date (or month), a column per series. */
export function lineChartTable(options: LineChartOptions): SafeHtml {
  const digits = options.digits ?? 1;
  const dates = [...new Set(options.series.flatMap((s) => s.points.map((p) => p.date)))].sort((a, b) => position(a) - position(b));
  const byDate = options.series.map((s) => new Map(s.points.map((p) => [p.date, p.value])));
  return html`<table><caption>${options.title}${options.valueLabel ? html` (${options.valueLabel})` : ''}</caption><thead><tr><th scope="col">${dates.length && dates[0]!.length === 7 ? 'Month' : 'Date'}</th>${options.series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead><tbody>${dates.map(
    (d) =>
      html`<tr><th scope="row">${formatDate(d)}</th>${byDate.map((m) => {
        const v = m.get(d);
        return v === undefined ? html`<td class="chart-missing">—</td>` : html`<td>${formatValue(v, digits)}</td>`;
      })}</tr>`,
  )}</tbody></table>`;
}
