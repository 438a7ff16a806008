import type { LogEntryView } from '../service.js';
import type { AgreementFacts } from '../store.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { formatDay } from '../../../platform/web/components/space-pages.js';
import { removedOn, type Departures } from '../../../platform/web/components/former-partners.js';
import { dayMonthYear } from '../../../platform/web/dates.js';
import { monthOfDay } from '../../../core/paging/months.js';

/** The week's agreement log, as the weekly meeting shows it (issue #20, item 4). */
export interface WeekLogModel {
  spaceId: string;
  viewerId: string;
  isPartner: boolean;
  names: Map<string, string>;
  former?: Departures;
  /** The seven days, both included. */
  from: string;
  to: string;
  agreements: AgreementFacts[];
  /** Each note already the viewer's copy (AgreementLogService.visible): a private note is its author's only. */
  entries: LogEntryView[];
  /** More occasions than were listed: the log page has them, a month at a time. */
  more: boolean;
}

const STATUS: Record<string, string> = { unconfirmed: 'not yet confirmed', confirmed: 'confirmed', disputed: 'seen differently' };

/**
 * The occasions logged in the seven days up to today: the day, the agreement, kept or missed, and
 * whether the other partner confirmed it or saw it differently, with the notes the viewer may
 * read. A list rather than a table, so it reads on a phone. Each occasion that waits for the
 * viewer (to confirm, or to answer a dispute) links to its row on the log page, where the forms are.
 * `together`: the page is one a couple reads side by side (the meeting's record), so the viewer's
 * own private notes are named but not shown.
 */
export function weekLogSection(o: WeekLogModel, headingLevel: 2 | 3 = 2, options: { together?: boolean } = {}): SafeHtml {
  const log = `/spaces/${o.spaceId}/agreement-log`;
  const who = (id: string | null) => (id === o.viewerId ? 'You' : (id && o.names.get(id)) || 'A former partner');
  const whom = (id: string | null) => (id === o.viewerId ? 'you' : who(id));
  const whose = (id: string | null) => (id === o.viewerId ? 'Your note' : `${who(id)}’s note`);
  const former = o.former ?? new Map();
  const agreement = (id: string) => {
    const a = o.agreements.find((x) => x.id === id);
    if (!a) return 'An agreement';
    return removedOn(former, a.proposedBy, a.text) ? 'An agreement whose words were removed' : a.text;
  };
  const note = (label: string, authorId: string | null, n: { text: string; visibility?: string } | null) => {
    if (n === null) return null;
    // The meeting's own page is for sitting together at one screen: a note kept private stays off it.
    if (options.together && n.visibility === 'private')
      return html`<p class="small muted">${label}, kept private, is not shown here, since you may be reading this together.</p>`;
    const gone = removedOn(former, authorId, n.text);
    return gone
      ? html`<p class="small entry__removed">${label} was removed by its author on ${dayMonthYear(gone)}.</p>`
      : html`<p class="small"><span class="muted">${label}:</span> <span class="pre-wrap">${n.text}</span></p>`;
  };
  // The log page shows a month at a time: a week that began last month links there for its first days.
  const at = (e: LogEntryView) => `${log}?month=${monthOfDay(e.occurredOn)}#occasion-${e.id}`;
  const waiting = (e: LogEntryView) => {
    if (!o.isPartner) return null;
    if (e.review === null && e.loggedBy !== o.viewerId)
      return html`<p class="small"><a href="${at(e)}">Confirm it, or say you saw it differently</a></p>`;
    if (e.review === 'disputed' && e.repliedAt === null && e.loggedBy === o.viewerId)
      return html`<p class="small"><a href="${at(e)}">Answer how ${whom(e.reviewedBy)} saw it</a></p>`;
    return null;
  };
  const heading =
    headingLevel === 2
      ? html`<h2 id="week-log-heading">This week’s agreement log</h2>`
      : html`<h3 id="week-log-heading">What was logged this week</h3>`;
  return html`<section class="week-log" aria-labelledby="week-log-heading">
  ${heading}
  <p class="muted small">${formatDay(o.from)} to ${formatDay(o.to)}</p>
  ${
    o.entries.length === 0
      ? html`<p>Nothing was logged in these seven days.</p>`
      : html`<ul class="week-log__list">${o.entries.map(
          (e) => html`<li class="week-log__item">
        <p><strong>${formatDay(e.occurredOn)}</strong> · <span class="agreement__text">${agreement(e.agreementId)}</span></p>
        <p>${who(e.loggedBy)}: <strong>${e.kept ? 'kept' : 'missed'}</strong> · ${
          e.review === null ? STATUS.unconfirmed : `${STATUS[e.review]} by ${whom(e.reviewedBy)}`
        }</p>
        ${note(whose(e.loggedBy), e.loggedBy, e.note)}
        ${note(whose(e.reviewedBy), e.reviewedBy, e.reviewNote)}
        ${e.reply === null ? null : note(`${who(e.loggedBy)} answered`, e.loggedBy, { text: e.reply })}
        ${waiting(e)}
      </li>`,
        )}</ul>`
  }
  ${o.more ? html`<p class="small">There were more occasions than fit here.</p>` : null}
  <p><a href="${log}">Open the agreement log</a></p>
</section>`;
}
