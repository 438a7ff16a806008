import { html, type SafeHtml } from '../html.js';
import { dayMonthYear, weekdayDayMonth } from '../dates.js';

/** The check-in and progress pages of a space, linked from each of them (current page marked). */
export function checkinsProgressNav(spaceId: string, current: string): SafeHtml {
  const links: Array<[string, string]> = [
    ['check-in', 'Check in'],
    ['progress', 'Progress'],
    ['agreement-log', 'Agreement log'],
    ['meetings', 'Weekly meeting'],
    ['reassurance', 'Reassurance'],
    ['monthly-review', 'Monthly review'],
  ];
  return html`<nav class="checkins-nav" aria-label="Daily rhythm"><ul>${links.map(
    ([path, label]) =>
      html`<li><a href="/spaces/${spaceId}/${path}"${path === current ? html` aria-current="page"` : null}>${label}</a></li>`,
  )}</ul></nav>`;
}

/** The old name, until the agreement log's page uses the new one (issue #17). */
export const rhythmNav = checkinsProgressNav;

/** A choice of visibility for a note: private unless the author chooses to share. */
export function visibilityChoice(name: string, value: string | undefined, legend: string | SafeHtml = 'Who can read this note?'): SafeHtml {
  const v = value === 'shared' ? 'shared' : 'private';
  return html`<fieldset class="field choice-row">
    <legend>${legend}</legend>
    <label><input type="radio" name="${name}" value="private"${v === 'private' ? html` checked` : null}> Only me</label>
    <label><input type="radio" name="${name}" value="shared"${v === 'shared' ? html` checked` : null}> My partner too</label>
  </fieldset>`;
}

/**
 * A labelled text box with its hint, error and coach output. Its id is `field-<name>` unless `id`
 * is given: a page that draws the same form more than once (an answer per open call, a note per
 * agreement) gives each box its own, or every label and hint would point at the first box. The
 * `name` the server reads stays the same.
 */
export function textarea(o: {
  name: string;
  id?: string;
  label: string | SafeHtml;
  hint?: string;
  value?: string;
  error?: string;
  coach?: 'message' | 'apology' | 'agreement';
  maxlength?: number;
  /** The heading above the box already says the label: kept for screen readers only (issue #20). */
  labelHidden?: boolean;
}): SafeHtml {
  const id = o.id ?? `field-${o.name}`;
  const out = `${id}-coach`;
  const describedBy = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' field--error' : ''}">
    <label for="${id}"${o.labelHidden ? html` class="visually-hidden"` : null}>${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : null}
    ${o.error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${o.error}</p>` : null}
    <textarea id="${id}" name="${o.name}" maxlength="${o.maxlength ?? 2000}"${describedBy ? html` aria-describedby="${describedBy}"` : null}${o.error ? html` aria-invalid="true"` : null}${o.coach ? html` data-coach="${o.coach}" data-coach-output="${out}"` : null}>${o.value ?? ''}</textarea>
    ${o.coach ? html`<div id="${out}" class="coach-output" aria-live="polite"></div>` : null}
  </div>`;
}

export function formatDay(date: string): string {
  return weekdayDayMonth(date);
}

export function formatInstant(iso: string): string {
  return dayMonthYear(iso);
}
