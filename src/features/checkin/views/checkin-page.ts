import { DAY_MARKS } from '../../../core/checkin/day-mark.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { noteVisibilityQuestion, numbersQuestion } from './checkin-choices.js';
import { formatDay, checkinsProgressNav, textarea } from '../../../platform/web/components/space-pages.js';
import { draftSave, draftTop, type DraftBook } from '../../drafts/index.js';
import { checkinNotePlace } from '../../../core/drafts/places.js';
import { checkinSeenNow } from '../../../core/partner-words.js';

export interface CheckinForm {
  date?: string;
  safety?: string;
  trust?: string;
  closeness?: string;
  day?: string;
  note?: string;
  visibility?: string;
  /** 'shared' or 'private'; empty until the person answers (no default, issue #14). */
  numbers?: string;
}

const MEASURES = [
  { key: 'safety', label: 'How safe do you feel with your partner today?', low: 'not safe', high: 'completely safe' },
  { key: 'trust', label: 'How much do you trust your partner today?', low: 'not at all', high: 'fully' },
  { key: 'closeness', label: 'How close do you feel today?', low: 'far apart', high: 'very close' },
] as const;

/** A 0–10 scale as eleven radio buttons: big enough to tap, works with no script at all. */
function scale(m: (typeof MEASURES)[number], value: string | undefined, error: string | undefined): SafeHtml {
  return html`<fieldset class="field scale${error ? ' field--error' : ''}" id="field-${m.key}">
    <legend>${m.label}</legend>
    <p class="hint scale__ends"><span>0 — ${m.low}</span><span>10 — ${m.high}</span></p>
    ${error ? html`<p class="field-error"><span class="visually-hidden">Error:</span> ${error}</p>` : null}
    <div class="scale__options">${Array.from({ length: 11 }, (_, i) => html`<label class="scale__option"><input type="radio" name="${m.key}" value="${i}" required${value === String(i) ? html` checked` : null}><span>${i}</span></label>`)}</div>
  </fieldset>`;
}

/** After saving, in words: who sees what of it. */
function savedNotice(shared: boolean | null, alone: boolean): SafeHtml {
  const who = alone
    ? checkinSeenNow(true, shared)
    : shared === true
      ? 'Your partner sees your numbers too.'
      : 'Your partner sees only that you checked in; your numbers are yours alone.';
  return html`<div class="notice" role="status"><p>Thank you — your check-in is saved. You can change it any time today. ${who}</p></div>`;
}

/** The top of a therapist's check-in page: the partners check in; the therapist reads what they share. */
export function therapistCheckinIntro(spaceId: string): SafeHtml {
  return html`${checkinsProgressNav(spaceId, 'check-in')}
  <h1>The partners’ check-ins</h1>
  <p class="lead">Each partner checks in once a day. You see that they did, and the numbers of whoever shares them with you.</p>
  <p><a href="/spaces/${spaceId}/progress">See how things are going</a></p>`;
}

/** A day's name on the check-in page: "Today", "Yesterday", or its date. */
export const dayName = (dates: readonly string[], date: string): string =>
  date === dates[0] ? 'Today' : date === dates[1] ? 'Yesterday' : formatDay(date);

export const checkinHeading = (dates: readonly string[], date: string): string =>
  date === dates[0] ? 'Today’s check-in' : date === dates[1] ? 'Yesterday’s check-in' : `Check-in for ${formatDay(date)}`;

/**
 * The days a person may check in for, as plain links (`?date=`): each opens that day's own
 * check-in, or an empty form, with or without JavaScript. The form below carries the day shown, so
 * one day's numbers are never saved as another's (issue #20).
 */
function dayPicker(spaceId: string, dates: readonly string[], date: string): SafeHtml {
  return html`<nav class="day-picker" aria-label="Which day to check in for">
    <ul>${dates.map((d, i) => html`<li><a href="/spaces/${spaceId}/check-in${i === 0 ? '' : `?date=${d}`}"${d === date ? html` aria-current="date"` : null}>${dayName(dates, d)}</a></li>`)}</ul>
  </nav>`;
}

export function checkinPage(o: {
  csrf: string;
  spaceId: string;
  dates: string[];
  form: CheckinForm;
  errors?: Record<string, string>;
  existing: boolean;
  saved?: boolean;
  /** Shown to the author under the saved notice (e.g. the way to the hard-day page). */
  afterSave?: SafeHtml | null;
  coach?: SafeHtml | null;
  /** The person's choice as stored: null until they first answer. */
  numbersShared: boolean | null;
  /** The person's own drafts: the note's is kept while they write it (`form.note` already holds it). */
  drafts: DraftBook;
  /** No partner in the space: nobody else sees the check-in now. */
  alone: boolean;
  /** The address asked for a day that cannot be checked in for: today is shown instead. */
  dayNotice?: boolean;
  /** A form came for this day after it went out of reach: nothing was saved (its numbers are not carried over). */
  staleDay?: string | null;
}): SafeHtml {
  const date = o.form.date && o.dates.includes(o.form.date) ? o.form.date : o.dates[0]!;
  const place = checkinNotePlace(o.spaceId, date);
  return html`${checkinsProgressNav(o.spaceId, 'check-in')}
  <h1>${checkinHeading(o.dates, date)}</h1>
  ${o.saved ? html`${savedNotice(o.numbersShared, o.alone)}${o.afterSave ?? null}` : null}
  ${o.coach ?? null}
  ${errorSummary(o.errors)}
  ${
    o.dayNotice
      ? html`<p class="notice" role="status">That day cannot be checked in for here, so this is today’s check-in. You can check in for today${o.dates.length > 1 ? ` and the ${o.dates.length === 2 ? 'day' : `${o.dates.length - 1} days`} before it` : ''}.</p>`
      : null
  }
  ${
    o.staleDay
      ? html`<p class="notice" role="alert" id="field-date">Nothing was saved: ${formatDay(o.staleDay)} is now too long ago to check in for. This is today’s check-in instead${o.form.note ? '; what you wrote in the note is still here, and who sees it is for you to choose again' : ''}.</p>`
      : null
  }
  ${dayPicker(o.spaceId, o.dates, date)}
  ${date === o.dates[0] ? null : html`<p class="hint">Where a question says “today”, answer for ${date === o.dates[1] ? 'yesterday' : formatDay(date)}, as you remember it.</p>`}
  <p class="lead">Three quick numbers, about twenty seconds. There are no right answers.${o.existing ? ' You already checked in for this day; saving again replaces it.' : ''}</p>
  <form method="post" action="/spaces/${o.spaceId}/check-in" class="checkin-form" novalidate>
    ${csrfField(o.csrf)}
    <input type="hidden" name="date" value="${date}">
    ${MEASURES.map((m) => scale(m, (o.form as Record<string, string | undefined>)[m.key], o.errors?.[m.key]))}
    <fieldset class="field choice-row">
      <legend>How was the day? (optional)</legend>
      ${DAY_MARKS.map((d) => html`<label><input type="radio" name="day" value="${d}"${o.form.day === d ? html` checked` : null}> ${d[0]!.toUpperCase() + d.slice(1)}</label>`)}
    </fieldset>
    ${numbersQuestion({ value: o.form.numbers, error: o.errors?.numbers, firstTime: o.numbersShared === null, alone: o.alone })}
    <details class="checkin-note" data-open-when-filled${o.form.note?.trim() || o.errors?.note || o.errors?.visibility ? html` open` : null}>
      <summary>Add a note (optional)</summary>
      ${draftTop(o.drafts, place, `/spaces/${o.spaceId}/check-in${date === o.dates[0] ? '' : `?date=${date}`}#field-note`)}
      ${textarea({ name: 'note', label: 'Your note', hint: 'Private unless you choose to share it.', value: o.form.note ?? '', error: o.errors?.note, coach: 'message' })}
      ${noteVisibilityQuestion(o.form.visibility, o.errors?.visibility)}
      <div class="actions">${draftSave({ label: 'Keep my note as a draft' })}</div>
    </details>
    <button type="submit" class="button">Save check-in</button>
  </form>
  <p><a href="/spaces/${o.spaceId}/reassurance">I need reassurance</a> · <a href="/spaces/${o.spaceId}/progress">See how things are going</a></p>`;
}
