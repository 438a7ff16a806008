import { html, type SafeHtml } from '../../../platform/web/html.js';
import { checkinSeenHint } from '../../../core/partner-words.js';

/**
 * The two "who sees this" questions of a check-in (issue #14). Neither has an answer picked for
 * the person: what is shared is theirs to choose, so an unanswered question is an error beside it,
 * never a default that shares.
 */
interface Question {
  name: string;
  legend: string;
  hint: string | SafeHtml;
  options: ReadonlyArray<{ value: string; label: string }>;
}

function question(q: Question, value: string | undefined, error: string | undefined): SafeHtml {
  const id = `field-${q.name}`;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="field radios${error ? ' field--error' : ''}" id="${id}" aria-describedby="${describedBy}">
    <legend>${q.legend}</legend>
    <p class="hint" id="${id}-hint">${q.hint}</p>
    ${error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${error}</p>` : null}
    ${q.options.map(
      (opt) =>
        html`<div class="radio"><input type="radio" id="${id}-${opt.value}" name="${q.name}" value="${opt.value}"${value === opt.value ? html` checked` : null}><label for="${id}-${opt.value}">${opt.label}</label></div>`,
    )}
  </fieldset>`;
}

export const NUMBERS_UNANSWERED = 'Choose who sees your numbers: your partner too, or only you.';
export const NOTE_VISIBILITY_UNANSWERED = 'Choose who can read your note: only you, or your partner too.';

/** The form's value of a person's choice: 'shared', 'private', or '' when they never chose. */
export const numbersValue = (shared: boolean | null): string => (shared === null ? '' : shared ? 'shared' : 'private');

/** Whether the partner sees safety, trust, closeness and how the day was, or only that one checked in. */
export function numbersQuestion(o: {
  value: string | undefined;
  error?: string | undefined;
  firstTime: boolean;
  /** No partner in the space (or, on the settings page, in any of the person's spaces). */
  alone: boolean;
  legend?: string;
}): SafeHtml {
  return question(
    {
      name: 'numbers',
      legend: o.legend ?? 'Who sees these numbers and how your day was?',
      hint: o.firstTime
        ? html`${checkinSeenHint(o.alone, { firstTime: true })} You can change this any time in <a href="/account/settings#checkin-numbers">your settings</a>.`
        : checkinSeenHint(o.alone, { firstTime: false }),
      options: [
        { value: 'shared', label: 'My partner too' },
        // Alone there is no partner to see anything yet; the hint says what one who joins would see.
        { value: 'private', label: o.alone ? 'Only me' : 'Only me — my partner sees only that I checked in' },
      ],
    },
    o.value,
    o.error,
  );
}

/** Who can read the check-in's note. */
export function noteVisibilityQuestion(value: string | undefined, error: string | undefined): SafeHtml {
  return question(
    {
      name: 'visibility',
      legend: 'Who can read this note?',
      hint: 'Needed only when you write a note.',
      options: [
        { value: 'private', label: 'Only me' },
        { value: 'shared', label: 'My partner too' },
      ],
    },
    value,
    error,
  );
}
