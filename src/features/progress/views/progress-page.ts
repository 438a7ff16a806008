import type { PulseMeasure, RedFlag, Trend } from '../../../core/progress/index.js';
import type { Progress } from '../service.js';
import { bandChart, type BandChartOptions } from '../../../platform/web/charts/band-chart.js';
import { lineChart, type LineChartOptions } from '../../../platform/web/charts/line-chart.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { formatDay, checkinsProgressNav } from '../../../platform/web/components/space-pages.js';

const MEASURE_TITLES: Record<PulseMeasure, string> = { safety: 'Feeling safe', trust: 'Trust', closeness: 'Closeness' };

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
      return 'not enough check-ins yet for a trend (10 over at least 4 of the last 8 weeks)';
  }
}

const name = (p: Progress, id: string | undefined, viewerId: string) =>
  id === viewerId ? 'you' : (p.partners.find((x) => x.accountId === id)?.displayName ?? 'one of you');

function evidenceList(flag: RedFlag): SafeHtml {
  const rows = Object.entries(flag.evidence).map(
    ([k, v]) =>
      html`<div><dt>${k.replace(/([A-Z])/g, ' $1').toLowerCase()}</dt><dd>${Array.isArray(v) ? v.join(', ') : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? '—')}</dd></div>`,
  );
  return html`<details><summary>What this is based on</summary><dl class="summary-list">${rows}</dl></details>`;
}

export function progressPage(o: { spaceId: string; viewerId: string; progress: Progress }): SafeHtml {
  return html`${checkinsProgressNav(o.spaceId, 'progress')}
  <h1>How things are going</h1>
  <p class="lead">Good days and hard days are both part of this. The lines below are 7-day averages, so one hard day does not change the picture; the words say what the last eight weeks show.</p>
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
    title: 'Consistency score',
    rows: p.partners.map((x) => ({
      label: who(x),
      score: x.consistency.score,
      low: x.consistency.low,
      high: x.consistency.high,
      occasions: x.consistency.occasions,
    })),
    ...(p.partners.every((x) => x.consistency.occasions === 0)
      ? { summary: 'Nothing logged yet, so every score starts in the middle, at 0.5.' }
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

/**
 * Everything below the page's introduction. The `live` island fetches this same markup again
 * (live-fragments.ts) when a check-in, a log entry, a review or a milestone's event arrives, so a
 * page and its live update never differ. It is drawn for its viewer: a red flag from private data
 * is in its owner's copy only.
 */
export function progressSections(o: { spaceId: string; viewerId: string; progress: Progress }): SafeHtml {
  const p = o.progress;
  const partners = p.partners;
  const who: ChartName = (x) => (x.accountId === o.viewerId ? 'You' : x.displayName);
  // A therapist reads this page too: what only a partner does (a review, the private guide) is not offered to them.
  const isPartner = partners.some((x) => x.accountId === o.viewerId);
  const charts = (['safety', 'trust', 'closeness'] as const).map((m) => {
    const chart = measureChartOptions(p, m, who);
    return html`<section class="card progress-measure" aria-labelledby="h-${m}">
      <h2 id="h-${m}">${MEASURE_TITLES[m]}</h2>
      <ul class="verdicts">${partners.map((x) => html`<li class="verdict verdict--${x.numbersVisible ? x.trends[m].verdict : 'kept'}"><strong>${who(x)}:</strong> ${measureWords(x, m)}</li>`)}</ul>
      ${chart ? lineChart(chart) : null}
    </section>`;
  });
  const review = reviewChartOptions(p, who);
  return html`<div id="progress-live" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/progress" data-live-label="How things are going" data-live-on="checkin agreement agreement_log monthly_review meeting reassurance_answered apology journey_entry">
  ${p.divergence.map((d) => html`<div class="notice notice--gentle"><p>${d.message}</p></div>`)}
  ${charts}
  <section class="card" aria-labelledby="h-consistency">
    <h2 id="h-consistency">Keeping agreements</h2>
    <p>Each occasion logged as kept or missed adds to this estimate; recent weeks count most. The band shows how sure it is — it narrows as more is logged.</p>
    ${bandChart(consistencyChartOptions(p, who))}
    <p><a href="/spaces/${o.spaceId}/agreement-log">Open the agreement log</a></p>
  </section>
  <section class="card" aria-labelledby="h-review">
    <h2 id="h-review">Monthly review</h2>
    ${review ? lineChart(review) : html`<p>No monthly reviews yet.</p>`}
    ${isPartner ? html`<p><a href="/spaces/${o.spaceId}/monthly-review">Do this month’s review</a></p>` : null}
  </section>
  <section class="card" aria-labelledby="h-wins">
    <h2 id="h-wins">Small wins</h2>
    ${
      p.milestones.length
        ? html`<ul class="milestones">${[...p.milestones].reverse().map((m) => html`<li><strong>${m.title}</strong>${m.partnerId ? html` — ${name(p, m.partnerId, o.viewerId)}` : null} <span class="muted">(${formatDay(m.achievedOn)})</span></li>`)}</ul>`
        : html`<p>${isPartner ? 'Your first check-in will be the first one.' : 'None yet. The first check-in will be the first one.'}</p>`
    }
  </section>
  <section class="card" aria-labelledby="h-flags">
    <h2 id="h-flags">Things worth talking about</h2>
    ${
      p.redFlags.length
        ? html`<ul class="red-flags">${p.redFlags.map((f) => html`<li class="red-flag">${f.fromPrivateData ? html`<p class="muted small">Only you can see this.</p>` : null}<p>${f.message}</p>${evidenceList(f)}</li>`)}</ul>`
        : html`<p>Nothing here right now.</p>`
    }
    ${isPartner ? html`<p>If you are wondering whether trust can be rebuilt at all, <a href="/spaces/${o.spaceId}/decision-guide">a private guide</a> may help you think it through.</p>` : null}
  </section>
  </div>`;
}
