import type { ReassuranceView } from '../../../services/checkins.js';
import { csrfField, errorSummary } from '../../components/forms.js';
import { html, type SafeHtml } from '../../html.js';
import { formatInstant, rhythmNav, textarea, visibilityChoice } from './common.js';

export interface ReassuranceModel {
  csrf: string;
  spaceId: string;
  viewerId: string;
  isPartner: boolean;
  names: Map<string, string>;
  requests: ReassuranceView[];
  errors?: Record<string, string>;
  form?: { note?: string; visibility?: string; answer?: string; answerFor?: string };
  coach?: SafeHtml | null;
}

export function reassurancePage(o: ReassuranceModel): SafeHtml {
  return html`${rhythmNav(o.spaceId, 'reassurance')}
  <h1>Reassurance</h1>
  ${o.coach ?? null}
  ${errorSummary(summaryErrors(o))}
  ${o.isPartner
    ? html`<section class="card" aria-labelledby="h-ask"><h2 id="h-ask">I need reassurance</h2>
        <p>Asking is not weakness. Your partner will be told you asked — never what your note says unless you share it.</p>
        <form method="post" action="/spaces/${o.spaceId}/reassurance" class="stack">
          ${csrfField(o.csrf)}
          ${textarea({ name: 'note', label: 'What would help right now? (optional)', value: o.form?.note ?? '', error: o.errors?.note, coach: 'message' })}
          ${visibilityChoice('visibility', o.form?.visibility ?? 'shared')}
          <button type="submit" class="button">Ask for reassurance</button>
        </form></section>`
    : null}
  ${reassuranceSection(o)}`;
}

/** Each call's answer box has its own id: several calls can be open at once. */
const answerFieldId = (requestId: string) => `field-answer-${requestId}`;

/** An answer's problem links to that call's box (the summary links to `#field-<key>`). */
function summaryErrors(o: ReassuranceModel): Record<string, string> | undefined {
  const answerFor = o.form?.answerFor;
  if (!o.errors || !answerFor) return o.errors;
  return Object.fromEntries(Object.entries(o.errors).map(([key, text]) => [key === 'text' ? `answer-${answerFor}` : key, text]));
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

/**
 * The label of a call's answer box names the call ("Your answer to Sam’s request of 3 March
 * 2026"): with several calls open, a screen reader moving between boxes hears which one each is.
 * Two calls from one person on one day are told apart by their order that day, counted over
 * answered calls too so a label does not change when an earlier call is answered.
 */
function answerLabel(o: ReassuranceModel, r: ReassuranceView): string {
  const name = o.names.get(r.requestedBy);
  const whose = name ? `${name}’s` : 'your partner’s';
  const day = formatInstant(r.createdAt);
  const sameDay = o.requests
    .filter((x) => x.requestedBy === r.requestedBy && formatInstant(x.createdAt) === day)
    .sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
  if (sameDay.length < 2) return `Your answer to ${whose} request of ${day}`;
  return `Your answer to ${whose} ${ordinal(sameDay.findIndex((x) => x.id === r.id) + 1)} request of ${day}`;
}

/**
 * The calls waiting for an answer and those answered. The `live` island fetches this same markup
 * again (live-fragments.ts) when a call is made or answered. Each note is the viewer's copy: a
 * private note is in its author's only; a therapist's copy has no answer form.
 */
export function reassuranceSection(o: ReassuranceModel): SafeHtml {
  const who = (id: string) => (id === o.viewerId ? 'You' : (o.names.get(id) ?? 'Your partner'));
  const open = o.requests.filter((r) => r.answeredAt === null);
  const answered = o.requests.filter((r) => r.answeredAt !== null);
  const item = (r: ReassuranceView) => html`<li class="card reassurance">
    <p><strong>${who(r.requestedBy)}</strong> asked for reassurance on ${formatInstant(r.createdAt)}.</p>
    ${r.note ? html`<blockquote class="quoted">${r.note.text}</blockquote>` : null}
    ${r.answer !== null ? html`<p><strong>${who(r.answeredBy ?? '')}</strong> answered:</p><blockquote class="quoted">${r.answer}</blockquote>` : null}
    ${r.answeredAt === null && o.isPartner && r.requestedBy !== o.viewerId
      ? html`<form method="post" action="/spaces/${o.spaceId}/reassurance/${r.id}/answer" class="stack">
          ${csrfField(o.csrf)}
          ${textarea({ name: 'answer', id: answerFieldId(r.id), label: answerLabel(o, r), hint: 'A few honest, warm words are enough.', value: o.form?.answerFor === r.id ? (o.form.answer ?? '') : '', error: o.form?.answerFor === r.id ? o.errors?.text : undefined, coach: 'message' })}
          <button type="submit" class="button">Send your answer</button>
        </form>`
      : null}
  </li>`;
  return html`<div id="reassurance-live" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/reassurance" data-live-label="Reassurance" data-live-on="reassurance_requested reassurance_answered">
  <h2>Waiting for an answer</h2>
  ${open.length ? html`<ul class="plain-list">${open.map(item)}</ul>` : html`<p>None right now.</p>`}
  <h2>Answered</h2>
  ${answered.length ? html`<ul class="plain-list">${answered.map(item)}</ul>` : html`<p>None yet.</p>`}
</div>`;
}
