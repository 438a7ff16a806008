import {
  consistencySentence,
  milestoneLines,
  milestoneWho,
  redFlagEvidence,
  whatAppearsWhen,
  type PulseMeasure,
  type RedFlag,
  type Trend,
} from '../../../core/progress/index.js';
import { addDays } from '../../../core/time.js';
import type { CheckinView } from '../../checkin/index.js';
import type { Progress } from '../service.js';
import { bandChart, type BandChartOptions } from '../../../platform/web/charts/band-chart.js';
import { lineChart, type LineChartOptions } from '../../../platform/web/charts/line-chart.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { formatDay, checkinsProgressNav } from '../../../platform/web/components/space-pages.js';

const MEASURE_TITLES: Record<PulseMeasure, string> = { safety: 'Feeling safe', trust: 'Trust', closeness: 'Closeness' };

/** What a trend needs before it is drawn, said wherever "not enough yet" is. */
export const TREND_NEEDS = '10 over at least 4 of the last 8 weeks';

export function verdictWords(t: Pick<Trend, 'verdict' | 'slopePerWeek'>): string {
  const slope = t.slopePerWeek === null ? '' : ` (${t.slopePerWeek >= 0 ? '+' : '−'}${Math.abs(t.slopePerWeek).toFixed(2)} points a week)`;
  switch (t.verdict) {
    case 'improving':
      return `improving${slope}`;
    case 'declining':
      return `declining${slope}`;
    case 'steady':
      return 'steady — no clear rise or fall';
    default:
      return `not enough check-ins yet for a trend (${TREND_NEEDS})`;
  }
}

const name = (p: Progress, id: string | undefined, viewerId: string) =>
  id === viewerId ? 'you' : (p.partners.find((x) => x.accountId === id)?.displayName ?? 'one of you');

/** What a flag is based on, each piece in plain words (core/progress/red-flag-evidence.ts). */
function evidenceList(flag: RedFlag): SafeHtml {
  return html`<details><summary>What this is based on</summary><ul>${redFlagEvidence(flag, formatDay).map((line) => html`<li>${line}</li>`)}</ul></details>`;
}

export function progressPage(o: { spaceId: string; viewerId: string; progress: Progress }): SafeHtml {
  return html`${checkinsProgressNav(o.spaceId, 'progress')}
  <h1>How things are going</h1>
  <p class="lead">Good days and hard days are both part of this. The lines are 7-day averages, so one hard day does not change the picture; the words say what the last eight weeks show.</p>
  ${progressSections(o)}`;
}

type PartnerOf = Progress['partners'][number];
/** How a chart names a partner: "You" on the viewer's own page; the report names everyone. */
export type ChartName = (partner: PartnerOf) => string;

/** A partner who keeps their numbers to themselves has no line and no verdict (issue #14). */
export function measureWords(x: PartnerOf, m: PulseMeasure): string {
  return x.numbersVisible ? verdictWords(x.trends[m]) : 'keeps their numbers to themselves';
}

/** A pulse measure's chart: each partner's 7-day line whose numbers the viewer may see; null when none. */
export function measureChartOptions(p: Progress, m: PulseMeasure, who: ChartName): LineChartOptions | null {
  const shown = p.partners.filter((x) => x.numbersVisible);
  if (!shown.length) return null;
  return {
    id: m,
    title: `${MEASURE_TITLES[m]}, 7-day average`,
    summary: p.partners.map((x) => `${who(x)}: ${measureWords(x, m)}.`).join(' '),
    valueLabel: '0–10, average of the last 7 days',
    yMin: 0,
    yMax: 10,
    series: shown.map((x) => ({ label: who(x), points: x.trends[m].smoothed })),
  };
}

/** The consistency gauge of every partner. */
export function consistencyChartOptions(p: Progress, who: ChartName): BandChartOptions {
  return {
    id: 'consistency',
    title: 'How often agreements were kept',
    // The same words as the sentences beside it ("about 7 in 10"), never a decimal.
    say: (v) => `about ${Math.min(10, Math.max(0, Math.round(v * 10)))} in 10`,
    ticks: [
      { at: 0, label: 'never (0 in 10)' },
      { at: 0.5, label: '5 in 10' },
      { at: 1, label: 'always (10 in 10)' },
    ],
    rows: p.partners.map((x) => ({
      label: who(x),
      score: x.consistency.score,
      low: x.consistency.low,
      high: x.consistency.high,
      occasions: x.consistency.occasions,
    })),
    ...(p.partners.every((x) => x.consistency.occasions === 0)
      ? { summary: 'Nothing logged yet, so every estimate starts in the middle, at about 5 in 10.' }
      : {}),
  };
}

/** The monthly reviews' line (the mean of the three answers); null before any review. */
export function reviewChartOptions(p: Progress, who: ChartName): LineChartOptions | null {
  const withReviews = p.partners.filter((x) => x.review);
  if (!withReviews.length) return null;
  return {
    id: 'review',
    title: 'Monthly review, average of the three answers',
    summary: withReviews
      .map(
        (x) =>
          `${who(x)}: ${x.review!.trend.verdict === 'not_enough_data' ? 'not enough months yet (3 needed)' : x.review!.trend.verdict}.`,
      )
      .join(' '),
    valueLabel: '1–5',
    yMin: 1,
    yMax: 5,
    series: withReviews.map((x) => ({ label: who(x), points: x.review!.series.mean.map((m) => ({ date: m.month, value: m.value })) })),
  };
}

export { MEASURE_TITLES };

const DAY_WORDS = { good: 'a good day', mixed: 'a mixed day', hard: 'a hard day' } as const;

/** A check-in's numbers in words ("feeling safe 6, trust 5, closeness 7 — a good day"); null when the viewer may not see them. */
function numbersWords(c: CheckinView): string | null {
  if (c.safety === null || c.trust === null || c.closeness === null) return null;
  return `feeling safe ${c.safety}, trust ${c.trust}, closeness ${c.closeness}${c.day ? ` — ${DAY_WORDS[c.day]}` : ''}`;
}

type Sections = { spaceId: string; viewerId: string; progress: Progress };

/** The viewer first, then the others in the space's order. */
function viewerFirst(p: Progress, viewerId: string): PartnerOf[] {
  return [...p.partners].sort((a, b) => Number(b.accountId === viewerId) - Number(a.accountId === viewerId));
}

/** Today's numbers: the viewer's own, and each partner's only when the viewer may see them (docs/privacy-rules.md). */
function todayItem(o: Sections, x: PartnerOf, isPartner: boolean): SafeHtml {
  const p = o.progress;
  const you = x.accountId === o.viewerId;
  const label = you ? 'You' : x.displayName;
  const mine = p.checkins.filter((c) => c.accountId === x.accountId).sort((a, b) => (a.date < b.date ? 1 : -1));
  const today = mine.find((c) => c.date === p.today);
  const last = mine[0];
  if (!x.numbersVisible) {
    // That someone checked in is a space record; their numbers are theirs to share.
    const when = today ? 'checked in today' : last ? `last checked in ${formatDay(last.date)}` : 'no check-ins yet';
    return html`<li><strong>${label}:</strong> keeps their numbers to themselves; ${when}.</li>`;
  }
  if (today) return html`<li><strong>${label}:</strong> ${numbersWords(today) ?? 'checked in today'}.</li>`;
  const lastWords = last ? numbersWords(last) : null;
  const before = last ? html` Last check-in, ${formatDay(last.date)}: ${lastWords ?? 'no numbers'}.` : null;
  if (you && isPartner)
    return html`<li><strong>${label}:</strong> not checked in yet today. <a href="/spaces/${o.spaceId}/check-in">Check in</a>${before}</li>`;
  return html`<li><strong>${label}:</strong> ${last ? 'not checked in yet today.' : 'no check-ins yet.'}${before}</li>`;
}

/** What appears when, said once for every chart (issue #20): lines, verdicts, the monthly review. */
function comingItems(o: Sections, isPartner: boolean): SafeHtml[] {
  const p = o.progress;
  const weekFrom = addDays(p.today, -6);
  const people = viewerFirst(p, o.viewerId)
    .filter((x) => x.numbersVisible)
    .map((x) => ({
      name: x.accountId === o.viewerId ? 'you' : x.displayName,
      you: x.accountId === o.viewerId,
      trend: x.trends.trust,
      lastSevenDays: p.checkins.filter((c) => c.accountId === x.accountId && c.date >= weekFrom && c.date <= p.today).length,
    }));
  const items = whatAppearsWhen(people).map((words) => html`<li>${words}</li>`);
  if (!p.partners.some((x) => x.review))
    items.push(
      html`<li>The monthly review’s line appears after the first monthly review${isPartner ? html` (<a href="/spaces/${o.spaceId}/monthly-review">do this month’s</a>)` : null}.</li>`,
    );
  return items;
}

function todaySection(o: Sections, isPartner: boolean): SafeHtml {
  const coming = comingItems(o, isPartner);
  return html`<section class="card progress-today" aria-labelledby="h-today">
    <h2 id="h-today">Today, ${formatDay(o.progress.today)}</h2>
    <ul class="plain-list today-numbers">${viewerFirst(o.progress, o.viewerId).map((x) => todayItem(o, x, isPartner))}</ul>
    ${coming.length ? html`<h3 id="h-coming">What appears when</h3><ul class="coming">${coming}</ul>` : null}
  </section>`;
}

function flagsSection(o: Sections, isPartner: boolean): SafeHtml {
  const flags = o.progress.redFlags;
  return html`<section class="card progress-flags" aria-labelledby="h-flags">
    <h2 id="h-flags">Things worth talking about</h2>
    ${
      flags.length
        ? html`<ul class="red-flags">${flags.map((f) => html`<li class="red-flag">${f.fromPrivateData ? html`<p class="muted small">Only you can see this.</p>` : null}<p>${f.message}</p>${evidenceList(f)}</li>`)}</ul>`
        : html`<p>Nothing stands out right now.</p>`
    }
    ${
      isPartner
        ? html`<p>If you are wondering whether trust can be rebuilt at all, <a href="/spaces/${o.spaceId}/decision-guide">a private guide</a> may help you think it through.</p>`
        : html`<p>When a partner wonders whether trust can be rebuilt, Mend offers them <a href="/spaces/${o.spaceId}/decision-guide">a decision guide</a>; you can read what it asks each of them.</p>`
    }
  </section>`;
}

/** The three measures, drawn only once someone's line or verdict exists; "not enough yet" is said in the Today card, not here. */
function measureSections(o: Sections, who: ChartName): SafeHtml[] {
  const p = o.progress;
  const shown = p.partners.filter((x) => x.numbersVisible);
  const anything = shown.some((x) => PULSE_LIST.some((m) => x.trends[m].smoothed.length > 0 || x.trends[m].verdict !== 'not_enough_data'));
  if (!anything) return [];
  return PULSE_LIST.map((m) => {
    const judged = shown.filter((x) => x.trends[m].verdict !== 'not_enough_data');
    const drawn = shown.filter((x) => x.trends[m].smoothed.length > 0);
    const options = measureChartOptions(p, m, who);
    const summary = judged.map((x) => `${who(x)}: ${verdictWords(x.trends[m])}.`).join(' ');
    const chart =
      options && drawn.length
        ? lineChart({
            ...options,
            ...(summary ? { summary } : { summary: undefined }),
            series: drawn.map((x) => ({ label: who(x), points: x.trends[m].smoothed })),
          })
        : null;
    return html`<section class="card progress-measure" aria-labelledby="h-${m}">
      <h2 id="h-${m}">${MEASURE_TITLES[m]}</h2>
      ${judged.length ? html`<ul class="verdicts">${judged.map((x) => html`<li class="verdict verdict--${x.trends[m].verdict}"><strong>${who(x)}:</strong> ${verdictWords(x.trends[m])}</li>`)}</ul>` : null}
      ${chart}
    </section>`;
  });
}

const PULSE_LIST = ['safety', 'trust', 'closeness'] as const;

/** The band chart's summary: the words for each partner are in the list just above it, so it says how to read it. */
const BAND_WORDS = 'Each dot is an estimate and its band where it likely lies, from never kept (0 in 10) to always kept (10 in 10).';

function consistencySection(o: Sections, who: ChartName): SafeHtml {
  const p = o.progress;
  const logged = p.partners.filter((x) => x.consistency.occasions > 0);
  const body = logged.length
    ? html`<ul class="plain-list">${viewerFirst(p, o.viewerId).map((x) => html`<li><strong>${who(x)}:</strong> ${consistencySentence(x.consistency)}</li>`)}</ul>
      <p class="muted">Each occasion logged as kept or missed adds to this; recent weeks count most, and the band narrows as more is logged.</p>
      ${bandChart({ ...consistencyChartOptions({ ...p, partners: logged }, who), summary: BAND_WORDS, rowsInSummary: false })}`
    : html`<p>${consistencySentence(p.partners[0]?.consistency ?? { score: 0.5, low: 0, high: 1, occasions: 0 })}</p>`;
  return html`<section class="card" aria-labelledby="h-consistency">
    <h2 id="h-consistency">Keeping agreements</h2>
    ${body}
    <p><a href="/spaces/${o.spaceId}/agreement-log">Open the agreement log</a></p>
  </section>`;
}

/**
 * Everything below the page's introduction. The `live` island fetches this same markup again
 * (live-fragments.ts) when a check-in, a log entry, a review or a milestone's event arrives, so a
 * page and its live update never differ. It is drawn for its viewer: a red flag from private data
 * is in its owner's copy only, and a partner's numbers only when they share them.
 *
 * From the first day it says today's numbers and what appears when (each "not enough yet" once);
 * anything worth talking about comes first when there is something, right after today otherwise.
 */
export function progressSections(o: Sections): SafeHtml {
  const p = o.progress;
  const who: ChartName = (x) => (x.accountId === o.viewerId ? 'You' : x.displayName);
  // A therapist reads this page too: what only a partner does (a review, the private guide) is not offered to them.
  const isPartner = p.partners.some((x) => x.accountId === o.viewerId);
  const review = reviewChartOptions(p, who);
  const flags = flagsSection(o, isPartner);
  const today = todaySection(o, isPartner);
  return html`<div id="progress-live" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/progress" data-live-label="How things are going" data-live-on="checkin agreement agreement_log monthly_review meeting reassurance_answered apology journey_entry">
  ${p.divergence.map((d) => html`<div class="notice notice--gentle"><p>${d.message}</p></div>`)}
  ${p.redFlags.length ? html`${flags}${today}` : html`${today}${flags}`}
  ${measureSections(o, who)}
  ${consistencySection(o, who)}
  ${
    review
      ? html`<section class="card" aria-labelledby="h-review">
    <h2 id="h-review">Monthly review</h2>
    ${lineChart(review)}
    ${isPartner ? html`<p><a href="/spaces/${o.spaceId}/monthly-review">Do this month’s review</a></p>` : null}
  </section>`
      : null
  }
  <section class="card" aria-labelledby="h-wins">
    <h2 id="h-wins">Small wins</h2>
    ${
      p.milestones.length
        ? html`<ul class="milestones">${milestoneLines(p.milestones)
            .reverse()
            .map(
              (m) => html`<li><strong>${m.title}</strong> ${milestoneWho(m, (id) => name(p, id, o.viewerId), formatDay, o.viewerId)}</li>`,
            )}</ul>`
        : html`<p>${isPartner ? 'Your first check-in will be the first one.' : 'None yet. The first check-in will be the first one.'}</p>`
    }
  </section>
  </div>`;
}
