import { BREACH_KIND_LABELS, PROMPT_TEXTS } from '../../../core/journey/index.js';
import { VISIT_GAP_MINUTES } from '../../../core/report/index.js';
import { MEASURE_TITLES, verdictWords } from '../../progress/index.js';
import { dateTimeIn, monthYear } from '../../../platform/web/dates.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { spaceNamedAfterPartners } from '../../../platform/web/layout.js';
import type { SessionSummary, ShownEntry } from '../session-summary.js';
import { andList, calendarDay, capitalised, dayOf, nameIn, removedAt, writing } from './report-common.js';

const VERDICT_SHORT: Record<string, string> = {
  improving: 'improving',
  steady: 'steady',
  declining: 'declining',
  not_enough_data: 'not enough check-ins for a trend',
};

function entry(s: SessionSummary, e: ShownEntry): SafeHtml {
  const r = s.report;
  return html`<article class="report-entry">
    <h4 class="report-entry__title">“${PROMPT_TEXTS[e.prompt].label}”</h4>
    <p class="report-meta">${capitalised(nameIn(r, e.authorId))} · ${dayOf(r, e.createdAt)}</p>
    ${writing(r, e.authorId, e.text, 'What it said')}
  </article>`;
}

function journeyNews(s: SessionSummary): SafeHtml | null {
  const r = s.report;
  const items: SafeHtml[] = [
    ...s.journeysOpened.map(
      (j) =>
        html`<p>A journey began on ${dayOf(r, j.openedAt)}: ${BREACH_KIND_LABELS[j.kind].toLowerCase()}${j.brokeTrust.length ? `, trust broken by ${andList(j.brokeTrust.map((id) => nameIn(r, id)))}` : ''}.</p>`,
    ),
    ...s.apologies.map(
      (a) =>
        html`<p>${a.deliveredAt ? `${nameIn(r, a.authorId)} delivered an apology on ${dayOf(r, a.deliveredAt)}.` : ''}${a.deliveredAt && a.answeredAt ? ' ' : ''}${a.answeredAt ? `${nameIn(r, a.answeredBy)} answered ${nameIn(r, a.authorId)}’s apology on ${dayOf(r, a.answeredAt)}.` : ''}${r.journeys.length > 1 ? html` <span class="muted">(${BREACH_KIND_LABELS[a.kind]})</span>` : null}</p>`,
    ),
    ...s.pairsOpened.map(
      (p) => html`<section class="report-step-writing" aria-label="Opened on ${dayOf(r, p.openedAt)}">
        <p class="report-step-heading">Both halves of “${PROMPT_TEXTS[p.prompt].label}” opened on ${dayOf(r, p.openedAt)}</p>
        ${p.halves.map((e) => entry(s, e))}
      </section>`,
    ),
    ...(s.entries.length
      ? [
          html`<section class="report-step-writing" aria-label="${s.since ? 'New writing' : 'Their writing'}">
            <p class="report-step-heading">${s.since ? 'New writing they share' : 'Writing they share'}</p>
            ${s.entries.map((x) => entry(s, x.entry))}
          </section>`,
        ]
      : []),
  ];
  if (items.length === 0) return null;
  return html`<section class="card" aria-labelledby="summary-journeys"><h2 id="summary-journeys">In their journeys</h2>${items}</section>`;
}

function agreementNews(s: SessionSummary): SafeHtml | null {
  const r = s.report;
  // An agreement whose author deleted their account has no words left to quote.
  const quoted = (a: SessionSummary['agreements'][number]['agreement'] | undefined) =>
    !a ? 'an agreement' : removedAt(r, a.proposedBy, a.text) ? 'An agreement whose words were removed' : `“${a.text}”`;
  const text = (id: string) => quoted(r.agreements.find((a) => a.id === id));
  const changes = s.agreements.map(
    (c) =>
      html`<li>${quoted(c.agreement)} — ${
        c.change === 'proposed'
          ? `proposed by ${nameIn(r, c.agreement.proposedBy)}, waiting for an answer`
          : c.change === 'agreed'
            ? c.proposedSince
              ? `proposed by ${nameIn(r, c.agreement.proposedBy)} and agreed`
              : 'agreed'
            : 'withdrawn'
      } on ${dayOf(r, c.at)}</li>`,
  );
  const logged = s.log.map(
    (l) =>
      html`<li>${text(l.agreementId)}: ${nameIn(r, l.loggedBy)} logged ${l.total.kept + l.total.missed} ${l.total.kept + l.total.missed === 1 ? 'occasion' : 'occasions'} — ${l.total.kept} kept, ${l.total.missed} missed</li>`,
  );
  const reviews = s.logReviews.confirmed + s.logReviews.disputed;
  if (changes.length === 0 && logged.length === 0 && reviews === 0) return null;
  return html`<section class="card" aria-labelledby="summary-agreements"><h2 id="summary-agreements">Agreements and their log</h2>
    ${changes.length ? html`<ul>${changes}</ul>` : null}
    ${logged.length ? html`<ul>${logged}</ul>` : null}
    ${reviews ? html`<p>${s.logReviews.confirmed} ${s.logReviews.confirmed === 1 ? 'occasion was' : 'occasions were'} confirmed and ${s.logReviews.disputed} seen differently by the other partner.</p>` : null}
  </section>`;
}

/** The progress's partners in the record's order (the order they joined). */
function inOrder<T extends { accountId: string }>(r: SessionSummary['report'], xs: readonly T[]): T[] {
  const at = (id: string) => r.partners.findIndex((p) => p.accountId === id);
  return [...xs].sort((a, b) => at(a.accountId) - at(b.accountId));
}

/** One partner's three verdicts in a line: said once when there is not enough data for any. */
function trendsNow(x: SessionSummary['progress']['partners'][number]): string {
  if (!x.numbersVisible) return 'keeps their numbers to themselves';
  const measures = ['safety', 'trust', 'closeness'] as const;
  if (measures.every((m) => x.trends[m].verdict === 'not_enough_data')) return verdictWords(x.trends.safety);
  return measures
    .map(
      (m) =>
        `${MEASURE_TITLES[m].toLowerCase()} ${x.trends[m].verdict === 'not_enough_data' ? 'not enough check-ins yet' : verdictWords(x.trends[m]).replace(' — no clear rise or fall', '')}`,
    )
    .join('; ');
}

function checkinNews(s: SessionSummary): SafeHtml {
  const r = s.report;
  const p = s.progress;
  return html`<section class="card" aria-labelledby="summary-checkins"><h2 id="summary-checkins">Check-ins and trends</h2>
    ${
      s.checkins
        ? html`<p>${s.checkins.map((c) => `${nameIn(r, c.accountId)} checked in on ${c.count} ${c.count === 1 ? 'day' : 'days'}`).join('; ')}.</p>`
        : null
    }
    ${
      s.verdictChanges.length
        ? html`<p>What changed in the trends:</p><ul>${s.verdictChanges.map(
            (v) =>
              html`<li><strong>${nameIn(r, v.partnerId)}, ${MEASURE_TITLES[v.measure as keyof typeof MEASURE_TITLES].toLowerCase()}:</strong> ${VERDICT_SHORT[v.before]} before, ${VERDICT_SHORT[v.now]} now</li>`,
          )}</ul>`
        : s.since
          ? html`<p>No trend changed its verdict.</p>`
          : null
    }
    <p>The trends now, over the last eight weeks:</p>
    <ul class="report-verdicts">${inOrder(r, p.partners).map((x) => html`<li><strong>${x.displayName}:</strong> ${trendsNow(x)}</li>`)}</ul>
    ${p.divergence.map((d) => html`<p class="report-note">${d.message}</p>`)}
  </section>`;
}

function rhythmNews(s: SessionSummary): SafeHtml | null {
  const r = s.report;
  if (s.meetings.length === 0 && s.reviews.length === 0 && s.reassurance.length === 0) return null;
  const latest = s.meetings.reduce<(typeof s.meetings)[number] | null>((m, x) => (m === null || x.heldOn > m.heldOn ? x : m), null);
  // Many of a kind are counted, not listed: the full record has each one.
  const meetings =
    s.meetings.length > 3 && latest
      ? [html`<li>${s.meetings.length} weekly meetings were written down, the latest on ${calendarDay(latest.heldOn)}</li>`]
      : s.meetings.map((m) => html`<li>A weekly meeting on ${calendarDay(m.heldOn)}, written down by ${nameIn(r, m.createdBy)}</li>`);
  const reviews = r.partners.flatMap((p) => {
    const months = s.reviews
      .filter((v) => v.accountId === p.accountId)
      .map((v) => v.month)
      .sort();
    if (months.length === 0) return [];
    return [
      html`<li>${p.displayName} did ${months.length === 1 ? `the monthly review for ${monthYear(months[0]!)}` : `${months.length} monthly reviews, the latest for ${monthYear(months.at(-1)!)}`}</li>`,
    ];
  });
  return html`<section class="card" aria-labelledby="summary-rhythm"><h2 id="summary-rhythm">Reassurance, meetings and monthly reviews</h2><ul>
    ${s.reassurance.map(
      (c) =>
        html`<li>${nameIn(r, c.requestedBy)} asked for reassurance on ${dayOf(r, c.createdAt)}${c.answeredAt ? `; ${nameIn(r, c.answeredBy)} answered on ${dayOf(r, c.answeredAt)}` : ''}</li>`,
    )}
    ${meetings}
    ${reviews}
  </ul></section>`;
}

function flags(s: SessionSummary): SafeHtml {
  const item = (f: SessionSummary['redFlagsNew'][number]) =>
    html`<li><p>${f.message}</p><p class="report-meta">Noticed on ${calendarDay(f.raisedOn)}</p></li>`;
  return html`<section class="card" aria-labelledby="summary-flags"><h2 id="summary-flags">Things worth talking about</h2>
    ${
      s.redFlagsNew.length
        ? html`<p>${s.since ? 'New since your last visit:' : 'Now:'}</p><ul class="report-flags">${s.redFlagsNew.map(item)}</ul>`
        : html`<p>${s.since ? 'Nothing new.' : 'Nothing right now.'}</p>`
    }
    ${s.redFlagsOngoing.length ? html`<p>Still there from before:</p><ul class="report-flags">${s.redFlagsOngoing.map(item)}</ul>` : null}
  </section>`;
}

/** A therapist's page before a session: what changed in the couple's space since their last visit. */
export function sessionSummaryPage(s: SessionSummary): SafeHtml {
  const r = s.report;
  const tz = r.reader.timezone;
  const couple = andList(r.partners.map((p) => p.displayName));
  const parts = [journeyNews(s), agreementNews(s), rhythmNews(s)].filter((x): x is SafeHtml => x !== null);
  return html`<h1>Since your last visit</h1>
  <p class="lead">${couple}${
    spaceNamedAfterPartners(
      r.space.name,
      r.partners.map((p) => p.displayName),
    )
      ? null
      : html` · their space “${r.space.name}”`
  }</p>
  ${
    s.since
      ? html`<p>Your last visit ended on ${dateTimeIn(s.since, tz)} (${tz}). This page shows what the couple shared or did after that.</p>`
      : html`<p>This is your first visit, so everything so far is here.</p>`
  }
  <p class="small muted">A visit is every time you open something of this couple’s in Mend, with less than ${VISIT_GAP_MINUTES / 60} hours between one view and the next; the visit going on now began ${dateTimeIn(s.visits.currentSince, tz)}. The couples list does not count.</p>
  <p class="actions"><a class="button" href="/spaces/${r.space.id}/report">The full record, to read or print</a> <a class="button button--secondary" href="/spaces/${r.space.id}">Their space</a></p>
  ${parts.length ? parts : html`<p class="notice">Nothing new in their journeys, agreements or meetings since your last visit.</p>`}
  ${checkinNews(s)}
  ${flags(s)}`;
}
