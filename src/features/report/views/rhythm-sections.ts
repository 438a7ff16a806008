import { milestoneLines, milestoneWho, PULSE_MEASURES, REVIEW_QUESTIONS } from '../../../core/progress/index.js';
import { AGENDA_SECTIONS } from '../../meetings/index.js';
import {
  consistencyChartOptions,
  measureChartOptions,
  measureWords,
  MEASURE_TITLES,
  reviewChartOptions,
  type ChartName,
} from '../../progress/index.js';
import { bandChartTable } from '../../../platform/web/charts/band-chart.js';
import { lineChart, lineChartTable } from '../../../platform/web/charts/line-chart.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { weekdayDayMonth } from '../../../platform/web/dates.js';
import { formatDate as shortMonth } from '../../../platform/web/charts/chart-format.js';
import { calendarDay, capitalised, dayOf, nameIn, removedAt, visibilityLabel, writing } from './report-common.js';
import { removedWords } from '../../../platform/web/components/former-partners.js';
import type { SpaceReport } from '../gather.js';

const byName: ChartName = (x) => x.displayName;

/** A chart only when it has something to draw: an empty grid tells a reader nothing. */
const drawable = <T extends { series: ReadonlyArray<{ points: readonly unknown[] }> }>(chart: T | null): T | null =>
  chart && chart.series.some((s) => s.points.length > 0) ? chart : null;

/** The check-in trends: the progress page's charts and verdicts, naming each partner. */
export function checkinsSection(r: SpaceReport): SafeHtml {
  const p = r.progress;
  return html`<section class="report-part" aria-labelledby="report-checkins">
    <h2 id="report-checkins">Daily check-ins</h2>
    <p>Each partner rates feeling safe, trust and closeness from 0 to 10. The lines are 7-day averages, so one hard day does not change the picture; the words say what the last eight weeks show. The numbers behind each chart are at the end of this record.</p>
    ${p.divergence.map((d) => html`<p class="report-note">${d.message}</p>`)}
    ${PULSE_MEASURES.map((m) => {
      const chart = drawable(measureChartOptions(p, m, byName));
      return html`<section class="report-measure" aria-labelledby="report-h-${m}">
        <h3 id="report-h-${m}">${MEASURE_TITLES[m]}</h3>
        <ul class="report-verdicts">${p.partners.map((x) => html`<li><strong>${x.displayName}:</strong> ${measureWords(x, m)}</li>`)}</ul>
        ${chart ? lineChart({ ...chart, id: `report-${m}`, table: 'elsewhere' }) : null}
      </section>`;
    })}
    ${
      r.checkinNotes.length
        ? html`<h3>Notes written with a check-in</h3>
          ${r.checkinNotes.map(
            (c) => html`<article class="report-entry">
              <p class="report-meta">${nameIn(r, c.accountId)} · ${calendarDay(c.date)} · ${visibilityLabel(r, c.accountId, c.note.visibility)}</p>
              <div class="report-text">${c.note.text}</div>
            </article>`,
          )}`
        : null
    }
  </section>`;
}

/** Calls for reassurance and the answers to them, oldest first. */
export function reassuranceSection(r: SpaceReport): SafeHtml {
  const calls = [...r.reassurance].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return html`<section class="report-part" aria-labelledby="report-reassurance">
    <h2 id="report-reassurance">Calls for reassurance</h2>
    ${
      calls.length
        ? calls.map(
            (c) => html`<article class="report-entry">
              <h3 class="report-entry__title">${capitalised(nameIn(r, c.requestedBy))} asked for reassurance on ${dayOf(r, c.createdAt)}</h3>
              ${c.note ? html`<p class="report-meta">${visibilityLabel(r, c.requestedBy, c.note.visibility)}</p>${writing(r, c.requestedBy, c.note.text, 'The note')}` : null}
              ${
                c.answer !== null && c.answeredAt
                  ? html`<p class="report-answer"><strong>${capitalised(nameIn(r, c.answeredBy))} answered on ${dayOf(r, c.answeredAt)}:</strong></p>${writing(r, c.answeredBy, c.answer, 'The answer')}`
                  : html`<p class="muted">Not answered yet.</p>`
              }
            </article>`,
          )
        : html`<p>No calls for reassurance yet.</p>`
    }
  </section>`;
}

/** Short column headings for the three statements of the monthly review. */
const REVIEW_COLUMNS: Record<(typeof REVIEW_QUESTIONS)[number]['key'], string> = {
  communicate: 'Openness',
  closer: 'Closeness',
  respect: 'Respect',
};

/** Each month's three answers per partner, and the line of their average. */
export function reviewsSection(r: SpaceReport): SafeHtml {
  const p = r.progress;
  const chart = reviewChartOptions(p, byName);
  const reviewed = p.partners.filter((x) => x.review);
  return html`<section class="report-part" aria-labelledby="report-reviews">
    <h2 id="report-reviews">Monthly reviews</h2>
    ${
      chart
        ? html`<p>Once a month each partner rates three statements from 1 (not at all) to 5 (very much): ${REVIEW_QUESTIONS.map((q) => `“${q.statement}” (${REVIEW_COLUMNS[q.key].toLowerCase()})`).join(', ')}.</p>
          ${lineChart({ ...chart, id: 'report-review', table: 'elsewhere' })}
          ${reviewed.map((x) => {
            const series = x.review!.series;
            return html`<div class="report-scroll"><table class="report-table">
              <caption>${x.displayName}’s answers, 1–5</caption>
              <thead><tr><th scope="col">Month</th>${REVIEW_QUESTIONS.map((q) => html`<th scope="col">${REVIEW_COLUMNS[q.key]}</th>`)}</tr></thead>
              <tbody>${series.mean.map(
                (m) =>
                  html`<tr><th scope="row">${shortMonth(m.month)}</th>${REVIEW_QUESTIONS.map((q) => {
                    const v = series[q.key].find((a) => a.month === m.month)?.value;
                    return html`<td>${v === undefined ? '—' : String(v)}</td>`;
                  })}</tr>`,
              )}</tbody>
            </table></div>`;
          })}`
        : html`<p>No monthly reviews yet.</p>`
    }
  </section>`;
}

/** What a meeting's record says; where a deleted partner wrote it down, that the words were removed and when. */
function meetingWords(r: SpaceReport, m: SpaceReport['meetings'][number]): SafeHtml {
  const parts = AGENDA_SECTIONS.filter((s) => m.agenda[s.key].trim() !== '');
  const removed = parts.length === 0 ? removedAt(r, m.createdBy, '') : null;
  if (removed) return removedWords('What was written down', removed);
  return html`<dl class="report-words">${parts.map((s) => html`<div><dt>${s.title}</dt><dd class="report-text">${m.agenda[s.key]}</dd></div>`)}</dl>`;
}

/** The weekly meetings' records, oldest first, each part the couple wrote. */
export function meetingsSection(r: SpaceReport): SafeHtml {
  const meetings = [...r.meetings].sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
  return html`<section class="report-part" aria-labelledby="report-meetings">
    <h2 id="report-meetings">Weekly meetings</h2>
    ${
      meetings.length
        ? meetings.map(
            (m) => html`<article class="report-meeting">
            <h3>${weekdayDayMonth(m.heldOn)} ${m.heldOn.slice(0, 4)}</h3>
            <p class="report-meta">Written down by ${nameIn(r, m.createdBy)} · Shared</p>
            ${meetingWords(r, m)}
          </article>`,
          )
        : html`<p>No meetings recorded yet.</p>`
    }
  </section>`;
}

/** Small wins, oldest first, and the things worth talking about the reader may see. */
export function winsAndFlagsSection(r: SpaceReport): SafeHtml {
  const p = r.progress;
  return html`<section class="report-part" aria-labelledby="report-wins">
    <h2 id="report-wins">Small wins</h2>
    ${
      p.milestones.length
        ? html`<ul class="report-wins">${milestoneLines(p.milestones).map(
            (m) => html`<li><strong>${m.title}</strong> ${milestoneWho(m, (id) => nameIn(r, id), calendarDay)}</li>`,
          )}</ul>`
        : html`<p>None yet. The first check-in will be the first.</p>`
    }
    <h2 id="report-flags">Things worth talking about</h2>
    ${
      p.redFlags.length
        ? html`<ul class="report-flags">${p.redFlags.map(
            (f) =>
              html`<li><p>${f.message}</p><p class="report-meta">Noticed on ${calendarDay(f.raisedOn)}${f.fromPrivateData ? ` · Private: only ${r.reader.displayName} can see this` : ''}</p></li>`,
          )}</ul>`
        : html`<p>Nothing right now.</p>`
    }
  </section>`;
}

/** The numbers behind every chart, gathered at the end so the charts read without them. */
export function numbersSection(r: SpaceReport): SafeHtml {
  const p = r.progress;
  const measures = PULSE_MEASURES.map((m) => drawable(measureChartOptions(p, m, byName))).filter((c) => c !== null);
  const review = reviewChartOptions(p, byName);
  const scored = p.partners.some((x) => x.consistency.occasions > 0);
  return html`<section class="report-part report-numbers" aria-labelledby="report-numbers">
    <h2 id="report-numbers">The numbers behind the charts</h2>
    <p>Dates are days in ${r.reader.displayName}’s time zone (${r.reader.timezone}). A dash means no check-in that could be averaged that day.</p>
    ${measures.length ? html`<div class="report-numbers__tables">${measures.map((c) => lineChartTable(c))}</div>` : null}
    ${review ? lineChartTable(review) : null}
    ${
      scored
        ? // Said in words ("about 7 in 10"), its five columns can be wider than a phone: it scrolls on its own, like the record's other wide tables.
          html`<div class="report-scroll" tabindex="0" role="region" aria-label="How often agreements were kept, in numbers">${bandChartTable(consistencyChartOptions({ ...p, partners: p.partners.filter((x) => x.consistency.occasions > 0) }, byName))}</div>`
        : null
    }
    ${measures.length === 0 && !scored && !review ? html`<p>No numbers yet.</p>` : null}
  </section>`;
}
