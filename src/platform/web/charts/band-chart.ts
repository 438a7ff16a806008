/**
 * The consistency gauge: each partner's score on a 0–1 scale with its credible interval as a band,
 * and a reference mark at 0.5. Same rules as the line chart: role="img" with title and desc, a text
 * summary, a data table, no scripts and no style attributes.
 */
import { html, type SafeHtml } from '../html.js';
import { chartId, formatValue } from './chart-format.js';

export interface BandRow {
  label: string;
  score: number;
  low: number;
  high: number;
  /** Logged occasions behind the estimate, shown in the table when given. */
  occasions?: number;
}

export interface BandChartOptions {
  title: string;
  rows: readonly BandRow[];
  id?: string;
  /** A sentence said before the generated summary. */
  summary?: string;
  /** The interval's coverage, for the words ("90%"). */
  coverage?: number;
  /** Where the reference mark goes; defaults to 0.5. */
  reference?: number;
  /** False: the summary is only `summary` (words the page wrote), without each row's numbers. */
  rowsInSummary?: boolean;
  /** Where the data table goes: behind "Show the numbers" (the default), or shown elsewhere with `bandChartTable`. */
  table?: 'details' | 'elsewhere';
  /**
   * How a value is said on the chart, its axis and its table, so a page that says its estimate in
   * words ("about 7 in 10") draws it in the same words. Without it, a decimal with two places.
   */
  say?: (value: number) => string;
  /** Where the axis is marked and what each mark says; defaults to quarters, as decimals. */
  ticks?: ReadonlyArray<{ at: number; label: string }>;
}

const WIDTH = 360;
const ROW_H = 44;
const PAD = { left: 12, right: 12, top: 8, bottom: 22 };

export function bandChartSummary(options: BandChartOptions): string {
  if (options.rowsInSummary === false && options.summary) return options.summary;
  const coverage = Math.round((options.coverage ?? 0.9) * 100);
  const rows = options.rows.map(
    (r) =>
      `${r.label}: ${formatValue(r.score, 2)}, likely between ${formatValue(r.low, 2)} and ${formatValue(r.high, 2)} ` +
      `(${coverage}% interval${r.occasions === undefined ? '' : `, ${r.occasions} occasions logged`}).`,
  );
  return [options.summary, ...(rows.length ? rows : ['No agreements logged yet.'])].filter(Boolean).join(' ');
}

export function bandChart(options: BandChartOptions): SafeHtml {
  const id = chartId(options.id ?? options.title);
  const reference = options.reference ?? 0.5;
  const height = PAD.top + PAD.bottom + ROW_H * Math.max(1, options.rows.length);
  const plotW = WIDTH - PAD.left - PAD.right;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const x = (v: number) => (PAD.left + clamp(v) * plotW).toFixed(1);
  const axisY = height - PAD.bottom;

  const say = options.say ?? ((v: number) => formatValue(v, 2));
  const rows = options.rows.map((r, i) => {
    const top = PAD.top + i * ROW_H;
    const barY = top + 18;
    return html`<g class="chart-band-row chart-series-${i + 1}"><text class="chart-row-label" x="${PAD.left}" y="${top + 12}" font-size="12" fill="currentColor">${r.label}: ${say(r.score)}</text><rect class="chart-track" x="${PAD.left}" y="${barY}" width="${plotW}" height="12" rx="6" fill="currentColor" fill-opacity="0.08"/><rect class="chart-band" x="${x(r.low)}" y="${barY}" width="${((clamp(r.high) - clamp(r.low)) * plotW).toFixed(1)}" height="12" rx="6" fill="currentColor" fill-opacity="0.3"/><circle class="chart-score" cx="${x(r.score)}" cy="${barY + 6}" r="7" fill="currentColor" stroke="Canvas" stroke-width="2"/></g>`;
  });
  const marks = options.ticks ?? [0, 0.25, 0.5, 0.75, 1].map((at) => ({ at, label: formatValue(at, 2) }));
  const ticks = marks.map(
    (t, i) =>
      html`<text class="chart-axis-label" x="${x(t.at)}" y="${height - 6}" text-anchor="${i === 0 ? 'start' : i === marks.length - 1 ? 'end' : 'middle'}" font-size="11" fill="currentColor">${t.label}</text>`,
  );
  const refLine = html`<line class="chart-reference" x1="${x(reference)}" x2="${x(reference)}" y1="${PAD.top}" y2="${axisY}" stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="3 3"/>`;

  const summary = bandChartSummary(options);
  const table =
    options.table === 'elsewhere'
      ? ''
      : html`<details class="chart-data"><summary>Show the numbers</summary>${bandChartTable(options)}</details>`;

  return html`<figure class="chart chart-band-chart" id="${id}"><svg class="chart-svg" viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"><title id="${id}-title">${options.title}</title><desc id="${id}-desc">${summary}</desc><g aria-hidden="true">${refLine}${rows}${ticks}</g></svg><figcaption class="chart-summary"><span class="chart-title">${options.title}</span> ${summary}</figcaption>${table}</figure>`;
}

/** The gauge's data as a table, with what "likely" means. */
export function bandChartTable(options: BandChartOptions): SafeHtml {
  const coverage = Math.round((options.coverage ?? 0.9) * 100);
  const withOccasions = options.rows.some((r) => r.occasions !== undefined);
  const say = options.say ?? ((v: number) => formatValue(v, 2));
  return html`<table><caption>${options.title}</caption><thead><tr><th scope="col">Partner</th><th scope="col">${options.say ? 'Estimate' : 'Score'}</th><th scope="col">Likely from</th><th scope="col">Likely to</th>${withOccasions ? html`<th scope="col">Occasions</th>` : ''}</tr></thead><tbody>${options.rows.map(
    (r) =>
      html`<tr><th scope="row">${r.label}</th><td>${say(r.score)}</td><td>${say(r.low)}</td><td>${say(r.high)}</td>${withOccasions ? html`<td>${r.occasions ?? '—'}</td>` : ''}</tr>`,
  )}</tbody></table><p class="chart-note">"Likely" is the central ${coverage}% credible interval.</p>`;
}
