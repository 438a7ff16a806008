import type { PulseMeasure, RedFlag, Trend } from '../../../core/progress/index.js';
import type { Progress } from '../service.js';
import { bandChart } from '../../../platform/web/charts/band-chart.js';
import { lineChart } from '../../../platform/web/charts/line-chart.js';
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

/**
 * Everything below the page's introduction. The `live` island fetches this same markup again
 * (live-fragments.ts) when a check-in, a log entry, a review or a milestone's event arrives, so a
 * page and its live update never differ. It is drawn for its viewer: a red flag from private data
 * is in its owner's copy only.
 */
export function progressSections(o: { spaceId: string; viewerId: string; progress: Progress }): SafeHtml {
  const p = o.progress;
  const partners = p.partners;
  const who = (x: Progress['partners'][number]) => (x.accountId === o.viewerId ? 'You' : x.displayName);
  // A partner who keeps their numbers to themselves has no line and no verdict here (issue #14).
  const words = (x: Progress['partners'][number], m: PulseMeasure) =>
    x.numbersVisible ? verdictWords(x.trends[m]) : 'keeps their numbers to themselves';
  const shown = partners.filter((x) => x.numbersVisible);
  const charts = (['safety', 'trust', 'closeness'] as const).map((m) => {
    const summary = partners.map((x) => `${who(x)}: ${words(x, m)}.`).join(' ');
    return html`<section class="card progress-measure" aria-labelledby="h-${m}">
      <h2 id="h-${m}">${MEASURE_TITLES[m]}</h2>
      <ul class="verdicts">${partners.map((x) => html`<li class="verdict verdict--${x.numbersVisible ? x.trends[m].verdict : 'kept'}"><strong>${who(x)}:</strong> ${words(x, m)}</li>`)}</ul>
      ${
        shown.length
          ? lineChart({
              id: m,
              title: `${MEASURE_TITLES[m]}, 7-day average`,
              summary,
              valueLabel: '0–10, average of the last 7 days',
              yMin: 0,
              yMax: 10,
              series: shown.map((x) => ({ label: who(x), points: x.trends[m].smoothed })),
            })
          : null
      }
    </section>`;
  });

  const withReviews = partners.filter((x) => x.review);
  return html`<div id="progress-live" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/progress" data-live-label="How things are going" data-live-on="checkin agreement agreement_log monthly_review meeting reassurance_answered apology journey_entry">
  ${p.divergence.map((d) => html`<div class="notice notice--gentle"><p>${d.message}</p></div>`)}
  ${charts}
  <section class="card" aria-labelledby="h-consistency">
    <h2 id="h-consistency">Keeping agreements</h2>
    <p>Each occasion logged as kept or missed adds to this estimate; recent weeks count most. The band shows how sure it is — it narrows as more is logged.</p>
    ${bandChart({
      id: 'consistency',
      title: 'Consistency score',
      rows: partners.map((x) => ({
        label: x.accountId === o.viewerId ? 'You' : x.displayName,
        score: x.consistency.score,
        low: x.consistency.low,
        high: x.consistency.high,
        occasions: x.consistency.occasions,
      })),
      ...(partners.every((x) => x.consistency.occasions === 0)
        ? { summary: 'Nothing logged yet, so every score starts in the middle, at 0.5.' }
        : {}),
    })}
    <p><a href="/spaces/${o.spaceId}/agreement-log">Open the agreement log</a></p>
  </section>
  <section class="card" aria-labelledby="h-review">
    <h2 id="h-review">Monthly review</h2>
    ${
      withReviews.length
        ? lineChart({
            id: 'review',
            title: 'Monthly review, average of the three answers',
            summary: withReviews
              .map(
                (x) =>
                  `${x.accountId === o.viewerId ? 'You' : x.displayName}: ${x.review!.trend.verdict === 'not_enough_data' ? 'not enough months yet (3 needed)' : x.review!.trend.verdict}.`,
              )
              .join(' '),
            valueLabel: '1–5',
            yMin: 1,
            yMax: 5,
            series: withReviews.map((x) => ({
              label: x.accountId === o.viewerId ? 'You' : x.displayName,
              points: x.review!.series.mean.map((m) => ({ date: m.month, value: m.value })),
            })),
          })
        : html`<p>No monthly reviews yet.</p>`
    }
    <p><a href="/spaces/${o.spaceId}/monthly-review">Do this month’s review</a></p>
  </section>
  <section class="card" aria-labelledby="h-wins">
    <h2 id="h-wins">Small wins</h2>
    ${
      p.milestones.length
        ? html`<ul class="milestones">${[...p.milestones].reverse().map((m) => html`<li><strong>${m.title}</strong>${m.partnerId ? html` — ${name(p, m.partnerId, o.viewerId)}` : null} <span class="muted">(${formatDay(m.achievedOn)})</span></li>`)}</ul>`
        : html`<p>Your first check-in will be the first one.</p>`
    }
  </section>
  <section class="card" aria-labelledby="h-flags">
    <h2 id="h-flags">Things worth talking about</h2>
    ${
      p.redFlags.length
        ? html`<ul class="red-flags">${p.redFlags.map((f) => html`<li class="red-flag">${f.fromPrivateData ? html`<p class="muted small">Only you can see this.</p>` : null}<p>${f.message}</p>${evidenceList(f)}</li>`)}</ul>`
        : html`<p>Nothing here right now.</p>`
    }
    <p>If you are wondering whether trust can be rebuilt at all, <a href="/spaces/${o.spaceId}/decision-guide">a private guide</a> may help you think it through.</p>
  </section>
  </div>`;
}
