import { logReviewWords } from '../../../core/partner-words.js';
import type { LogEntryView } from '../service.js';
import type { AgreementFacts } from '../store.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { agreementTitles, occasionNamer } from './agreement-log-names.js';
import { formatDay, rhythmNav, textarea } from '../../../platform/web/components/space-pages.js';
import { noteVisibilityField } from '../../reassurance/index.js';
import { removedOn, removedWords, type Departures } from '../../../platform/web/components/former-partners.js';
import { dayMonthYear, monthYear } from '../../../platform/web/dates.js';
import { historyLinks, type HistoryPaging } from '../../../platform/web/components/older-link.js';
import { transparencyEnded } from '../../../core/journey/index.js';

/** An agreement whose author's account was deleted is shown, and named to screen readers, by this. */
const REMOVED_AGREEMENT = 'An agreement whose words were removed';
import { draftSave, draftTop, withDraft, type DraftBook } from '../../drafts/index.js';
import { logPlace } from '../../../core/drafts/places.js';

const CADENCE: Record<string, string> = { each_time: 'each time it comes up', daily: 'daily', weekly: 'weekly', once: 'once' };
const STATUS: Record<string, string> = { unconfirmed: 'not yet confirmed', confirmed: 'confirmed', disputed: 'seen differently' };

export interface AgreementLogModel {
  csrf: string;
  spaceId: string;
  viewerId: string;
  /** A therapist reads the log; only the partners confirm or dispute an occasion. */
  isPartner: boolean;
  /** One partner in the space (solo): nobody else confirms an occasion, for now. */
  alone?: boolean;
  today: string;
  names: Map<string, string>;
  /** The partners who left, so a deleted partner's removed words are said to be removed. */
  former?: Departures;
  agreements: AgreementFacts[];
  /** The occasions of the month shown, oldest first (the page shows a month at a time). */
  entries: LogEntryView[];
  /** The month shown (YYYY-MM); null when nothing is logged yet. */
  month: string | null;
  /** The month the address asked for; null on the newest month, which follows new occasions. */
  asked: string | null;
  /** "Earlier months" (the newest earlier month with an occasion) and back to the newest. */
  paging: HistoryPaging;
  /** The viewer's own drafts: a note being written for an occasion comes back into its box. */
  drafts: DraftBook;
  errors?: Record<string, string>;
  /**
   * The form `errors` belong to: an agreement's id (its log form) or a logged occasion's (its
   * confirm/dispute form). Each error is shown beside that form's field and the summary links there.
   */
  errorFor?: string;
  /** What the person entered in that form, drawn again so nothing they wrote is lost. */
  entered?: { occurredOn?: string; kept?: string; note?: string; visibility?: string; reply?: string };
  message?: string;
}

/** The log form's fields that can carry an error, in the form's order. */
const LOG_FIELDS = ['occurredOn', 'kept', 'note'];

/**
 * A field's id on this page. The same forms are drawn once per agreement (and per occasion), so
 * each field's id carries the id of its agreement or occasion: `field-note-<agreement>`,
 * `field-review-note-<occasion>`. The summary links to `#field-<key>`, so a key is `note-<id>`.
 */
const fieldKey = (field: string, id: string) => `${field}-${id}`;

/**
 * The summary's links, each to the field beside which its error is drawn. A problem with no field
 * drawn on this page (a form the person may no longer use) is said in words instead of a dead link.
 */
function summary(o: AgreementLogModel): SafeHtml | null {
  const links: Record<string, string> = {};
  const words = o.message ? [o.message] : [];
  const form = o.errorFor ? drawnForm(o, o.errorFor) : null;
  const fields = form === 'log' ? LOG_FIELDS : form === 'review' ? ['note'] : form === 'reply' ? ['reply'] : [];
  const errors = Object.entries(o.errors ?? {}).sort(([x], [y]) => LOG_FIELDS.indexOf(x) - LOG_FIELDS.indexOf(y));
  for (const [field, text] of errors) {
    if (fields.includes(field)) links[fieldKey(form === 'review' ? `review-${field}` : field, o.errorFor!)] = text;
    else words.push(text);
  }
  return errorSummary(links, words.join(' ') || undefined);
}

/** Which of the viewer's forms `id` names on this page: an agreement's log form, an occasion's review or reply form, or none. */
function drawnForm(o: AgreementLogModel, id: string): 'log' | 'review' | 'reply' | null {
  const active = o.agreements.filter((a) => a.status === 'active');
  if (active.some((a) => a.id === id && a.committedBy.includes(o.viewerId))) return 'log';
  const entry = o.entries.find((e) => e.id === id);
  if (!entry || !active.some((a) => a.id === entry.agreementId)) return null;
  if (reviewable(o, entry)) return 'review';
  if (answerable(o, entry)) return 'reply';
  return null;
}

const reviewable = (o: AgreementLogModel, e: LogEntryView) => e.review === null && o.isPartner && e.loggedBy !== o.viewerId;
/** The partner who logged an occasion answers its dispute, once (core/journey/agreement-log.ts). */
const answerable = (o: AgreementLogModel, e: LogEntryView) =>
  e.review === 'disputed' && e.repliedAt === null && o.isPartner && e.loggedBy === o.viewerId;

/**
 * Words heard, not seen: what a form is about (an agreement or an occasion) after each of its
 * labels and buttons, so a screen reader moving between forms knows which one it is in while the
 * page stays as calm as it looks.
 */
const about = (name: string) => html`<span class="visually-hidden"> (${name})</span>`;

/** An error beside its field, and the attributes that tie the field to it. */
function fieldError(id: string, error: string | undefined): { text: SafeHtml | null; attributes: SafeHtml | null } {
  if (!error) return { text: null, attributes: null };
  return {
    text: html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${error}</p>`,
    attributes: html` aria-describedby="${id}-error" aria-invalid="true"`,
  };
}

export function agreementLogPage(o: AgreementLogModel): SafeHtml {
  return html`${rhythmNav(o.spaceId, 'agreement-log')}
  <h1>Agreement log</h1>
  ${summary(o)}
  <p class="lead">The partner who made a commitment records each occasion as kept or missed. ${logReviewWords(o.alone ?? false)} Nothing is deleted: the history stays.</p>
  ${agreementLogSection(o)}`;
}

/** `?month=` of an older month's page, kept by its forms and its live section; nothing on the newest. */
const monthQuery = (o: AgreementLogModel) => (o.asked ? `?month=${o.asked}` : '');

/**
 * The active agreements and their logs. The `live` island fetches this same markup again
 * (live-fragments.ts) when an agreement or an occasion changes. Notes are the viewer's copy (a
 * private note is in its author's only); forms are only where the viewer may use them, so a
 * therapist's copy has none.
 */
export function agreementLogSection(o: AgreementLogModel): SafeHtml {
  const who = (id: string | null) => {
    const name = id === o.viewerId ? 'You' : (id && o.names.get(id)) || 'A former partner';
    return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  };
  const former = o.former ?? new Map();
  const removed = (id: string | null, text: string | undefined) => removedOn(former, id, text);
  const noteGone = (at: string) =>
    html`<br><span class="small entry__removed">The note was removed by its author on ${dayMonthYear(at)}.</span>`;
  const note = (id: string | null, n: { text: string } | null) =>
    n === null ? null : removed(id, n.text) ? noteGone(removed(id, n.text)!) : html`<br><span class="small pre-wrap">${n.text}</span>`;
  const active = o.agreements
    .filter((a) => a.status === 'active')
    .map((a) => (removed(a.proposedBy, a.text) ? { ...a, text: REMOVED_AGREEMENT } : a));
  const titles = agreementTitles(active);
  const name = occasionNamer(o.entries);
  const month = o.month === null ? null : monthYear(o.month);
  const byAgreement = new Map<string, LogEntryView[]>();
  for (const e of o.entries) {
    const list = byAgreement.get(e.agreementId);
    if (list) list.push(e);
    else byAgreement.set(e.agreementId, [e]);
  }
  return html`<div id="agreement-log-live" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/agreement-log${monthQuery(o)}" data-live-label="Agreement log" data-live-on="agreement agreement_log">
  ${active.length > 0 && month ? html`<p class="muted">The occasions of ${month}, newest first.${o.paging.older ? ' Earlier months are a link away, after the log.' : ''}</p>` : null}
  ${active.length === 0 ? html`<p>There are no active agreements yet. Agreements are made together in step 3 of a journey.</p>` : null}
  ${active.map((a) => {
    const mine = a.committedBy.includes(o.viewerId);
    const entries = [...(byAgreement.get(a.id) ?? [])].reverse();
    const title = titles.get(a.id)!;
    return html`<section class="card agreement" aria-labelledby="a-${a.id}">
      <h2 id="a-${a.id}" class="agreement__text">${a.text}</h2>
      ${a.text === REMOVED_AGREEMENT && removed(a.proposedBy, '') ? removedWords('What it said', removed(a.proposedBy, '')!) : null}
      <p class="muted small">${a.transparency ? 'Transparency agreement · ' : ''}${a.committedBy.map((id) => who(id)).join(' and ')} · ${CADENCE[a.cadence] ?? a.cadence}${a.reviewOn ? ` · ${a.transparency ? 'until' : 'review on'} ${formatDay(a.reviewOn)}` : ''}</p>
      ${
        transparencyEnded(a, o.today)
          ? html`<p>This transparency agreement ended on ${formatDay(a.reviewOn!)}.${
              o.isPartner ? ' If you both want another, you can agree a new one in step 3 of your journey.' : ''
            }</p>`
          : mine
            ? logForm(o, a.id, title)
            : null
      }
      ${
        entries.length
          ? html`<table class="table log-table"><caption class="visually-hidden">Log of ${title}, ${month}</caption><thead><tr><th scope="col">Day</th><th scope="col">Logged</th><th scope="col">Status</th></tr></thead><tbody>${entries.map(
              (
                e,
              ) => html`<tr id="occasion-${e.id}"><td>${formatDay(e.occurredOn)}</td><td>${who(e.loggedBy)}: ${e.kept ? 'kept' : 'missed'}${note(e.loggedBy, e.note)}</td><td>${STATUS[e.review ?? 'unconfirmed']}${note(e.reviewedBy, e.reviewNote)}
              ${
                e.reply === null
                  ? null
                  : removed(e.loggedBy, e.reply)
                    ? html`<p class="small log-reply entry__removed">The answer was removed by its author on ${dayMonthYear(removed(e.loggedBy, e.reply)!)}.</p>`
                    : html`<p class="small log-reply"><span class="muted">${who(e.loggedBy)} answered:</span> <span class="pre-wrap">${e.reply}</span></p>`
              }</td></tr>${actionRow(o, e, () => name(e, title))}`,
            )}</tbody></table>`
          : html`<p>${month ? `Nothing logged in ${month}.` : 'Nothing logged yet.'}</p>`
      }
    </section>`;
  })}
  ${active.length > 0 ? historyLinks(o.paging, 'Earlier months') : null}
</div>`;
}

/**
 * What the viewer can do about one occasion (confirm or dispute it, answer a dispute), in a row of
 * its own under it across the whole table: in the status column a phone left the note box and
 * buttons a third of the screen.
 */
function actionRow(o: AgreementLogModel, e: LogEntryView, occasion: () => string): SafeHtml | null {
  const form = reviewable(o, e) ? reviewForm(o, e.id, occasion()) : answerable(o, e) ? replyForm(o, e.id, occasion()) : null;
  return form === null ? null : html`<tr class="log-table__act"><td colspan="3">${form}</td></tr>`;
}

/** The committed partner's form for one agreement; sent back with an error, it holds what they entered. */
function logForm(o: AgreementLogModel, agreementId: string, title: string): SafeHtml {
  const back = o.errorFor === agreementId;
  const entered = back ? (o.entered ?? {}) : {};
  const error = (field: string) => (back ? o.errors?.[field] : undefined);
  const id = (field: string) => `field-${fieldKey(field, agreementId)}`;
  const day = fieldError(id('occurredOn'), error('occurredOn'));
  const kept = fieldError(id('kept'), error('kept'));
  const invalid = error('kept') ? html` aria-invalid="true"` : null;
  const place = logPlace(agreementId);
  const note = withDraft(o.drafts, place, 'note', { sent: back ? entered.note : undefined }) ?? '';
  return html`<form method="post" action="/spaces/${o.spaceId}/agreement-log/${agreementId}" class="stack log-form">
    ${csrfField(o.csrf)}
    <div class="field${day.text ? ' field--error' : ''}"><label for="${id('occurredOn')}">Which day?${about(title)}</label>${day.text}<input id="${id('occurredOn')}" name="occurredOn" type="date" max="${o.today}" value="${entered.occurredOn || o.today}" required${day.attributes}></div>
    <fieldset class="field choice-row${kept.text ? ' field--error' : ''}" id="${id('kept')}"${kept.text ? html` aria-describedby="${id('kept')}-error"` : null}><legend>Did you keep it?${about(title)}</legend>
      ${kept.text}
      <label><input type="radio" name="kept" value="yes" required${entered.kept === 'yes' ? html` checked` : null}${invalid}> Kept</label>
      <label><input type="radio" name="kept" value="no"${entered.kept === 'no' ? html` checked` : null}${invalid}> Missed</label>
    </fieldset>
    <details id="note-${agreementId}"${note || error('note') || error('visibility') ? html` open` : null}><summary>Add a note (optional)${about(title)}</summary>
      ${draftTop(o.drafts, place, `/spaces/${o.spaceId}/agreement-log#note-${agreementId}`, title)}
      ${textarea({ name: 'note', id: id('note'), label: html`Note${about(title)}`, value: note, error: error('note'), coach: 'message' })}
      ${noteVisibilityField({ id: id('visibility'), value: entered.visibility, error: error('visibility'), legend: html`Who can read this note?${about(title)}` })}
      <div class="actions">${draftSave({ label: 'Keep my note as a draft', about: title })}</div>
    </details>
    <button type="submit" class="button">Log this occasion${about(title)}</button>
  </form>`;
}

/** The other partner's confirm/dispute form for one logged occasion; sent back, it keeps their note. */
function reviewForm(o: AgreementLogModel, entryId: string, occasion: string): SafeHtml {
  const back = o.errorFor === entryId;
  const id = `field-${fieldKey('review-note', entryId)}`;
  const note = fieldError(id, back ? o.errors?.note : undefined);
  return html`<form method="post" action="/spaces/${o.spaceId}/agreement-log/entries/${entryId}/review${monthQuery(o)}" class="review-form">
    ${csrfField(o.csrf)}
    <label class="visually-hidden" for="${id}">Note (optional) on ${occasion}</label>
    ${note.text}
    <input id="${id}" name="note" type="text" maxlength="2000" placeholder="A note (optional, shared)" value="${back ? (o.entered?.note ?? '') : ''}"${note.attributes}>
    <button type="submit" name="review" value="confirmed" class="button button--secondary">Confirm${about(occasion)}</button>
    <button type="submit" name="review" value="disputed" class="button button--secondary">I saw it differently${about(occasion)}</button>
  </form>`;
}

/**
 * The answer of the partner who logged a disputed occasion: one text, shared like the dispute, sent
 * once. Sent back with an error, it keeps what they wrote.
 */
function replyForm(o: AgreementLogModel, entryId: string, occasion: string): SafeHtml {
  const back = o.errorFor === entryId;
  return html`<form method="post" action="/spaces/${o.spaceId}/agreement-log/entries/${entryId}/reply${monthQuery(o)}" class="stack reply-form">
    ${csrfField(o.csrf)}
    ${textarea({
      name: 'reply',
      id: `field-${fieldKey('reply', entryId)}`,
      label: html`Your answer to how your partner saw it${about(occasion)}`,
      hint: 'Shared with your partner. You can answer once.',
      value: back ? (o.entered?.reply ?? '') : '',
      error: back ? o.errors?.reply : undefined,
      coach: 'message',
    })}
    <button type="submit" class="button button--secondary">Send my answer${about(occasion)}</button>
  </form>`;
}
