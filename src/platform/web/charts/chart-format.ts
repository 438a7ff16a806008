/**
 * Small formatting helpers shared by the charts. Dates are written out in plain English
 * ("3 Mar 2025") so the text summary reads well aloud; Mend has no locale setting yet.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** `2025-03-03` → `3 Mar 2025`; `2025-03` → `Mar 2025`; anything else is returned as is. */
export function formatDate(date: string): string {
  const d = DATE_RE.exec(date);
  if (d) return `${Number(d[3])} ${MONTHS[Number(d[2]) - 1] ?? d[2]} ${d[1]}`;
  const m = MONTH_RE.exec(date);
  if (m) return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  return date;
}

/** A short axis label: `3 Mar` for a date, `Mar 25` for a month. */
export function formatAxisDate(date: string): string {
  const d = DATE_RE.exec(date);
  if (d) return `${Number(d[3])} ${MONTHS[Number(d[2]) - 1] ?? d[2]}`;
  const m = MONTH_RE.exec(date);
  if (m) return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]!.slice(2)}`;
  return date;
}

export function formatValue(value: number, digits = 1): string {
  const rounded = Number(value.toFixed(digits));
  return Object.is(rounded, -0) ? (0).toFixed(digits) : rounded.toFixed(digits);
}

/** A safe element id from free text (ids are never escaped-away user text: only [a-z0-9-]). */
export function chartId(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `chart-${slug || 'untitled'}`;
}

/** Grid values from min to max at a round step (1, 2, 2.5 or 5 × 10ⁿ), at most `maxTicks`. */
export function niceTicks(min: number, max: number, maxTicks = 6): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / (maxTicks - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}
