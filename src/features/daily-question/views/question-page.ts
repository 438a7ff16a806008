import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import { textArea } from '../../journey/index.js';
import type { DailyQuestionView } from '../service.js';
import { ANSWER_MAX } from '../service.js';
import { weekdayDayMonth } from '../../../platform/web/dates.js';

const answerText = (text: string | null): SafeHtml =>
  text === null ? html`<p><em>These words could not be read.</em></p>` : html`<p class="pre-wrap">${text}</p>`;

function answerForm(csrf: string, v: DailyQuestionView, o: { value?: string; errors?: ErrorDetails }): SafeHtml {
  const base = `/spaces/${v.spaceId}/question`;
  return html`<form method="post" action="${base}" class="stack">
      ${csrfField(csrf)}
      <input type="hidden" name="questionId" value="${v.question.id}">
      ${textArea({
        name: 'text',
        label: 'Your answer',
        hint: v.mode === 'pair' ? 'A few words are enough.' : 'A few words are enough. Only you will ever read this.',
        value: o.value,
        error: o.errors?.text ?? o.errors?.questionId,
        maxlength: ANSWER_MAX,
      })}
      <p class="actions"><button type="submit" class="button">Send my answer</button></p>
    </form>
    ${
      v.own?.state === 'skipped'
        ? null
        : html`<form method="post" action="${base}/skip">
      ${csrfField(csrf)}
      <input type="hidden" name="questionId" value="${v.question.id}">
      <button type="submit" class="button button--secondary">Not today</button>
      <p class="hint">Leaving it is fine. Nobody is told, and nothing is counted.</p>
    </form>`
    }`;
}

/**
 * For two, the pair's part of a day's page is live: a partner's answer sends `daily_answer`, and the
 * `live` island draws this part again from `/spaces/{space}/live/daily-question/{day}` — by the same
 * code, so it shows exactly what a reload would. Alone, nothing else can change it.
 */
function live(v: DailyQuestionView, inner: SafeHtml): SafeHtml {
  return v.mode === 'pair'
    ? html`<div id="daily-pair" data-live-space="${v.spaceId}" data-live-fragment="/spaces/${v.spaceId}/live/daily-question/${v.day}" data-live-label="Your answers" data-live-on="daily_answer">${inner}</div>`
    : html`<div id="daily-pair">${inner}</div>`;
}

/** Today's answers as the viewer may see them, with the form while they have not answered. */
export function todaysPairSection(csrf: string, v: DailyQuestionView, o: { value?: string; errors?: ErrorDetails } = {}): SafeHtml {
  const partner = v.partners[0];
  const name = partner?.displayName ?? 'your partner';
  return live(
    v,
    v.own?.state === 'answered'
      ? html`<section class="card" aria-labelledby="own-answer-heading">
    <h2 id="own-answer-heading">Your answer</h2>
    ${answerText(v.own.text)}
  </section>
  ${
    v.mode === 'solo'
      ? null
      : partner?.state === 'open'
        ? html`<section class="card" aria-labelledby="partner-answer-heading">
    <h2 id="partner-answer-heading">${partner.displayName}’s answer</h2>
    ${answerText(partner.text)}
  </section>
  <p>You have both answered, so both answers are open to you both. Talking about them is up to you.</p>`
        : html`<p>Your answer stays sealed until ${name} answers today’s question too. Nothing is sent to them about it.</p>`
  }`
      : html`${v.own?.state === 'skipped' ? html`<p>You left today’s question. You can still answer it today, if you like.</p>` : null}
  ${partner?.state === 'sealed' ? html`<p>${partner.displayName} has answered. Their answer opens when you send yours, if you want to.</p>` : null}
  ${answerForm(csrf, v, o)}`,
  );
}

/** An earlier day's answers, read back (no form). */
export function pastPairSection(v: DailyQuestionView): SafeHtml {
  const partner = v.partners[0];
  return live(
    v,
    html`${
      v.own?.state === 'answered'
        ? html`<section class="card" aria-labelledby="own-answer-heading"><h2 id="own-answer-heading">Your answer</h2>${answerText(v.own.text)}</section>`
        : html`<p>You left this question.</p>`
    }
  ${
    partner?.state === 'open'
      ? html`<section class="card" aria-labelledby="partner-answer-heading"><h2 id="partner-answer-heading">${partner.displayName}’s answer</h2>${answerText(partner.text)}</section>`
      : null
  }`,
  );
}

/** The days the viewer answered before, newest first; a plain link to older ones when there are more. */
export interface EarlierDays {
  days: string[];
  more: boolean;
}

/** "Sunday 6 December 2026": a list of days can span years. */
export const spokenDay = (day: string): string => `${weekdayDayMonth(day)} ${day.slice(0, 4)}`;

function earlierList(spaceId: string, earlier: EarlierDays): SafeHtml {
  const oldest = earlier.days.at(-1);
  return html`<ul class="earlier-days">${earlier.days.map((day) => html`<li><a href="/spaces/${spaceId}/question/${day}">${spokenDay(day)}</a></li>`)}</ul>
  ${earlier.more && oldest ? html`<p><a href="/spaces/${spaceId}/question/earlier?before=${oldest}">Older days</a></p>` : null}`;
}

/** "Earlier days" on today's page: nothing at all until the person has answered on an earlier day. */
function earlierSection(spaceId: string, earlier: EarlierDays): SafeHtml | null {
  if (earlier.days.length === 0) return null;
  return html`<section aria-labelledby="earlier-days-heading">
    <h2 id="earlier-days-heading">Earlier days</h2>
    <p class="hint">The days you answered, to read back.</p>
    ${earlierList(spaceId, earlier)}
  </section>`;
}

/** The day's question for two, or the reflective question for one alone. */
export function questionPage(
  csrf: string,
  v: DailyQuestionView,
  earlier: EarlierDays,
  o: { value?: string; errors?: ErrorDetails } = {},
): SafeHtml {
  const isExercise = v.question.kind === 'exercise';
  return html`<h1>${v.mode === 'pair' ? 'Today’s question for the two of you' : 'A question for you today'}</h1>
  <p class="lead">${
    v.mode === 'pair'
      ? 'Something small to turn towards each other. Each of you answers on your own; both answers open together once you have both answered. There is no need to answer every day.'
      : 'Something to reflect on, for you alone. Nobody else reads your answer — not a partner, not a therapist.'
  }</p>
  ${errorSummary(o.errors)}
  <section class="card" aria-labelledby="daily-question-heading">
    <h2 id="daily-question-heading">${isExercise ? 'A small exercise' : 'The question'}</h2>
    <p class="daily-question">${v.question.text}</p>
  </section>
  ${todaysPairSection(csrf, v, o)}
  ${earlierSection(v.spaceId, earlier)}
  <p><a href="/spaces/${v.spaceId}">Back to your space</a></p>`;
}

/** An earlier day's question, read back (no form). */
export function pastQuestionPage(v: DailyQuestionView): SafeHtml {
  return html`<h1>The question of ${spokenDay(v.day)}</h1>
  <section class="card" aria-labelledby="daily-question-heading">
    <h2 id="daily-question-heading">${v.question.kind === 'exercise' ? 'A small exercise' : 'The question'}</h2>
    <p class="daily-question">${v.question.text}</p>
  </section>
  ${pastPairSection(v)}
  <p><a href="/spaces/${v.spaceId}/question">Today’s question</a></p>`;
}

/** The older days the person answered, past what today's page lists. */
export function earlierDaysPage(spaceId: string, before: string, earlier: EarlierDays): SafeHtml {
  return html`<h1>Days you answered before ${spokenDay(before)}</h1>
  ${earlier.days.length === 0 ? html`<p>There are no earlier days.</p>` : earlierList(spaceId, earlier)}
  <p><a href="/spaces/${spaceId}/question">Today’s question</a></p>`;
}
