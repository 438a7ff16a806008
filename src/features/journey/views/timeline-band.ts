import { rangeWords, spanWords, timelineWords, type BreachKind, type JourneyTimeline } from '../../../core/journey/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { dayMonthYear, monthYear } from '../../../platform/web/dates.js';

/** The drawing's own units: it scales to the column (the stylesheet caps its width so its words stay a readable size). */
const WIDTH = 360;
const HEIGHT = 84;
const LEFT = 14;
const RIGHT = WIDTH - 14;
const SPAN = RIGHT - LEFT;

const r = (n: number) => Math.round(n * 10) / 10;

/** "1 year", "18 months", "3 months": one end of the usual range. */
function monthsWords(n: number): string {
  if (n % 12 === 0) return `${n / 12} year${n === 12 ? '' : 's'}`;
  return `${n} month${n === 1 ? '' : 's'}`;
}

/**
 * Step 4's timeline (issue #20): where the couple is now against the usual range for this kind of
 * breach, in words first and then drawn. The drawing is a hatched band for the usual range, a solid
 * bar for the time so far and a marked line for now, each named in the key beside it — shapes and
 * words, not colour alone. It needs no script. The words are the drawing's text alternative.
 */
export function timelineBand(t: JourneyTimeline, kind: BreachKind, reader: 'partner' | 'therapist', correctUrl: string | null): SafeHtml {
  const words = timelineWords(t, kind, reader);
  const { low, high, now } = t.band;
  const [lowX, highX, nowX] = [LEFT + low * SPAN, LEFT + high * SPAN, LEFT + now * SPAN];
  const lowLabel = monthsWords(t.range.lowMonths);
  const highLabel = monthsWords(t.range.highMonths);
  // The two ends are named under the band; when it is drawn narrow (long after it), once, together.
  const apart = highX - lowX >= 90;
  const ticks = apart
    ? html`<text x="${r(lowX)}" y="76" text-anchor="middle">${lowLabel}</text><text x="${r(highX)}" y="76" text-anchor="${highX > RIGHT - 30 ? 'end' : 'middle'}">${highLabel}</text>`
    : html`<text x="${r(lowX)}" y="76" text-anchor="start">${rangeWords(t.range.lowMonths, t.range.highMonths)}</text>`;
  const nowAnchor = nowX < LEFT + 30 ? 'start' : nowX > RIGHT - 30 ? 'end' : 'middle';
  const since = t.sinceMonthOnly ? monthYear(t.since.slice(0, 7)) : dayMonthYear(t.since);
  return html`<div class="timeline-band">
    <p id="timeline-words"><strong>${words.elapsed}</strong> ${words.range}</p>
    <svg class="timeline-band__svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="timeline-words" focusable="false">
      <defs><pattern id="timeline-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" class="timeline-band__hatch"/></pattern></defs>
      <g aria-hidden="true">
        <line x1="${LEFT}" y1="58" x2="${RIGHT}" y2="58" class="timeline-band__axis"/>
        <rect x="${r(lowX)}" y="26" width="${r(Math.max(2, highX - lowX))}" height="28" class="timeline-band__range" fill="url(#timeline-hatch)"/>
        ${now > 0 ? html`<rect x="${LEFT}" y="35" width="${r(nowX - LEFT)}" height="10" class="timeline-band__so-far"/>` : null}
        <line x1="${r(nowX)}" y1="18" x2="${r(nowX)}" y2="62" class="timeline-band__now"/>
        <text x="${r(nowX)}" y="13" text-anchor="${nowAnchor}" class="timeline-band__now-label">now</text>
        ${ticks}
      </g>
    </svg>
    <ul class="timeline-band__key">
      <li><span class="timeline-band__swatch timeline-band__swatch--range" aria-hidden="true"></span> Hatched: the time many couples take (${rangeWords(t.range.lowMonths, t.range.highMonths)})</li>
      <li><span class="timeline-band__swatch timeline-band__swatch--so-far" aria-hidden="true"></span> Solid: ${reader === 'partner' ? 'your' : 'their'} time so far (${t.elapsedDays === 0 ? 'today' : spanWords(t)}), up to the line marked “now”</li>
    </ul>
    <p class="small">${
      t.countsFrom === 'recorded'
        ? html`Counted from ${since}, the day it was recorded in Mend, because when it came out is not recorded.${
            correctUrl ? html` <a href="${correctUrl}">Add when it came out</a>, and the time counts from then.` : null
          }`
        : html`Counted from ${since}, when it came out${t.sinceMonthOnly ? ' (the month is enough: it counts from its first day)' : ''}.${
            correctUrl ? html` <a href="${correctUrl}">Correct the date</a>` : null
          }`
    }</p>
  </div>`;
}
