import { consistencyWords, type AgreementMonths } from '../../../core/report/index.js';
import { CADENCE_LABELS, type AgreementView } from '../../agreements/index.js';
import { bandChart } from '../../../platform/web/charts/band-chart.js';
import { consistencyChartOptions } from '../../progress/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { formatDate as shortMonth } from '../../../platform/web/charts/chart-format.js';
import { andList, calendarDay, capitalised, dayOf, nameIn, removedAt } from './report-common.js';
import { removedWords } from '../../../platform/web/components/former-partners.js';
import type { SpaceReport } from '../gather.js';

function statusWords(r: SpaceReport, a: AgreementView): string {
  switch (a.status) {
    case 'active':
      // A commitment made alone (proposed and accepted by one person) was a promise to oneself.
      if (a.acceptedBy !== null && a.acceptedBy === a.proposedBy)
        return `${capitalised(nameIn(r, a.proposedBy))}’s own commitment, made on ${dayOf(r, a.proposedAt)}`;
      return a.acceptedAt
        ? `Agreed on ${dayOf(r, a.acceptedAt)}${a.acceptedBy ? ` (proposed by ${nameIn(r, a.proposedBy)}, accepted by ${nameIn(r, a.acceptedBy)})` : ''}`
        : `Made on ${dayOf(r, a.proposedAt)}`;
    case 'proposed':
      return `Proposed by ${nameIn(r, a.proposedBy)} on ${dayOf(r, a.proposedAt)}; waiting for an answer`;
    case 'withdrawn':
      return `Withdrawn${a.withdrawnAt ? ` on ${dayOf(r, a.withdrawnAt)}` : ''}`;
    default:
      return 'Replaced by a counter-proposal';
  }
}

function logTable(r: SpaceReport, a: AgreementView, log: AgreementMonths, both: boolean): SafeHtml {
  const other = (id: string) => r.partners.find((p) => p.accountId !== id);
  return html`<div class="report-scroll"><table class="report-table">
    <caption>${both ? `As ${nameIn(r, log.loggedBy)} logged it, by month` : 'The log, by month'}</caption>
    <thead><tr><th scope="col">Month</th><th scope="col">Kept</th><th scope="col">Missed</th><th scope="col">Notes</th></tr></thead>
    <tbody>${log.months.map((m) => {
      const notes = [
        m.seenDifferently ? `${m.seenDifferently} seen differently by ${other(log.loggedBy)?.displayName ?? 'the other partner'}` : '',
        m.unconfirmed ? `${m.unconfirmed} not yet confirmed` : '',
      ].filter(Boolean);
      return html`<tr><th scope="row">${shortMonth(m.month)}</th><td>${m.kept}</td><td>${m.missed}</td><td>${notes.join('; ') || '—'}</td></tr>`;
    })}</tbody>
    <tfoot><tr><th scope="row">In all</th><td>${log.total.kept}</td><td>${log.total.missed}</td><td></td></tr></tfoot>
  </table></div>`;
}

function agreementArticle(r: SpaceReport, a: AgreementView): SafeHtml {
  const logs = r.log.filter((l) => l.agreementId === a.id);
  const committed = capitalised(andList(a.committedBy.map((id) => nameIn(r, id))));
  // The words of an agreement whose author deleted their account are gone; the agreement stays.
  const removed = removedAt(r, a.proposedBy, a.text);
  return html`<article class="report-agreement">
    ${removed ? html`<h3 class="report-agreement__text">An agreement whose words were removed</h3>${removedWords('What it said', removed)}` : html`<h3 class="report-agreement__text">“${a.text}”</h3>`}
    <p class="report-meta">${committed} ${a.committedBy.length > 1 ? 'commit' : 'commits'} · ${CADENCE_LABELS[a.cadence]}${a.reviewOn ? ` · to review on ${calendarDay(a.reviewOn)}` : ''}</p>
    <p>${statusWords(r, a)}.</p>
    ${
      logs.length
        ? logs.map((l) => logTable(r, a, l, a.committedBy.length > 1))
        : a.status === 'active'
          ? html`<p class="muted">Nothing logged yet.</p>`
          : null
    }
  </article>`;
}

/** Agreements with their log by month, and how reliably each partner keeps them, in words. */
export function agreementsSection(r: SpaceReport): SafeHtml {
  // A countered proposal lives on in the one that replaced it; the record lists where each ended.
  const shown = r.agreements.filter((a) => a.status !== 'countered');
  const order = { active: 0, proposed: 1, withdrawn: 2, countered: 3 } as const;
  shown.sort((x, y) => order[x.status] - order[y.status] || (x.proposedAt < y.proposedAt ? -1 : 1));
  const p = r.progress;
  const scored = p.partners.filter((x) => x.consistency.occasions > 0);
  return html`<section class="report-part" aria-labelledby="report-agreements">
    <h2 id="report-agreements">Agreements</h2>
    ${shown.length ? shown.map((a) => agreementArticle(r, a)) : html`<p>No agreements yet.</p>`}
    <section class="report-consistency" aria-labelledby="report-consistency">
    <h3 id="report-consistency">How reliably agreements are kept</h3>
    <p>Every occasion logged as kept or missed adds to this estimate, and recent weeks count most. A missed occasion someone owned up to counts less than one the other partner had to point out; one seen differently counts as the other partner saw it.</p>
    ${
      scored.length
        ? html`<dl class="report-words">${p.partners.map((x) => {
            const w = consistencyWords(x.consistency);
            return html`<div><dt>${x.displayName}</dt><dd>${w.estimate}${w.uncertainty ? html` ${w.uncertainty}` : null}</dd></div>`;
          })}</dl>
          ${bandChart({
            ...consistencyChartOptions({ ...p, partners: scored }, (x) => x.displayName),
            summary: scored.map((x) => `${x.displayName}: ${consistencyWords(x.consistency).estimate}`).join(' '),
            rowsInSummary: false,
            table: 'elsewhere',
          })}`
        : html`<p>Nothing logged yet, so there is no estimate.</p>`
    }
    </section>
  </section>`;
}
