import type { ReassuranceView } from '../store.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { historyLinks, NEWEST_PAGE, type HistoryPaging } from '../../../platform/web/components/older-link.js';
import { formatInstant, checkinsProgressNav, textarea } from '../../../platform/web/components/space-pages.js';
import { noteVisibilityField } from './note-visibility.js';
import { removedOn, removedWords, type Departures } from '../../../platform/web/components/former-partners.js';
import { NO_DRAFTS, draftSave, draftTop, withDraft, type DraftBook } from '../../drafts/index.js';
import { reassuranceWords, type PartnerPresence } from '../../../core/partner-words.js';
import { reassuranceAnswerPlace, reassurancePlace } from '../../../core/drafts/places.js';

export interface ReassuranceModel {
  csrf: string;
  spaceId: string;
  viewerId: string;
  isPartner: boolean;
  /** Whether a partner is there to answer; alone, the page explains instead of offering a form. */
  presence?: PartnerPresence;
  names: Map<string, string>;
  /** The partners who left, so a deleted partner's removed words are said to be removed. */
  former?: Departures;
  requests: ReassuranceView[];
  /** Links to older calls and back; on an older page the section is not swapped by the live island. */
  paging?: HistoryPaging;
  errors?: Record<string, string>;
  /** A refusal with no field (a call already answered, one's own call), said in words. */
  message?: string;
  form?: { note?: string; visibility?: string; answer?: string; answerFor?: string };
  coach?: SafeHtml | null;
  /** The viewer's own drafts: a call or an answer begun and not sent comes back into its box. */
  drafts?: DraftBook;
}

export function reassurancePage(o: ReassuranceModel): SafeHtml {
  const words = reassuranceWords(o.presence ?? 'together');
  return html`${checkinsProgressNav(o.spaceId, 'reassurance')}
  <h1>Reassurance</h1>
  ${o.coach ?? null}
  ${summary(o)}
  ${unsentAnswer(o)}
  ${
    o.isPartner && words.alone
      ? html`<section class="card" aria-labelledby="h-ask"><h2 id="h-ask">What reassurance is for</h2>
        ${words.alone.map((w) => html`<p>${w}</p>`)}
        <p><a href="/spaces/${o.spaceId}/hard-day">A hard day</a></p></section>`
      : o.isPartner
        ? html`<section class="card" aria-labelledby="h-ask"><h2 id="h-ask">I need reassurance</h2>
        <p>${words.lead}</p>
        <form method="post" action="/spaces/${o.spaceId}/reassurance" class="stack" id="ask-form">
          ${csrfField(o.csrf)}
          ${draftTop(o.drafts ?? NO_DRAFTS, reassurancePlace(o.spaceId), `/spaces/${o.spaceId}/reassurance#ask-form`)}
          ${textarea({ name: 'note', label: 'What would help right now? (optional)', value: withDraft(o.drafts ?? NO_DRAFTS, reassurancePlace(o.spaceId), 'note', { sent: o.form?.note }) ?? '', error: o.errors?.note, coach: 'message' })}
          ${noteVisibilityField({ id: 'field-visibility', value: o.form?.visibility, error: o.errors?.visibility })}
          <div class="actions"><button type="submit" class="button">Ask for reassurance</button>${draftSave()}</div>
        </form></section>`
        : null
  }
  ${noOneEverAsked(o) ? null : reassuranceSection(o)}`;
}

/**
 * Alone, with no call ever made: "Waiting for an answer" and "Answered" would be empty lists about
 * someone who is not there (issue #20). Calls made before a partner left stay listed.
 */
const noOneEverAsked = (o: ReassuranceModel): boolean =>
  (o.presence ?? 'together') !== 'together' && o.requests.length === 0 && !(o.paging ?? NEWEST_PAGE).newest;

/** Each call's answer box has its own id: several calls can be open at once. */
const answerFieldId = (requestId: string) => `field-answer-${requestId}`;

/** Whether the viewer's answer box for this call is on the page: an open call of the other partner's. */
const answerable = (o: ReassuranceModel, r: ReassuranceView) => r.answeredAt === null && o.isPartner && r.requestedBy !== o.viewerId;
const answerDrawn = (o: ReassuranceModel, requestId: string | undefined) => o.requests.some((r) => r.id === requestId && answerable(o, r));

/**
 * The summary links each problem to the box it is drawn beside (the summary links to
 * `#field-<key>`): an answer's to that call's box, a new call's note to the ask form. A problem
 * whose box is not on the page (the call was answered meanwhile) is said in words, never a dead link.
 */
function summary(o: ReassuranceModel): SafeHtml | null {
  const answerFor = o.form?.answerFor;
  const links: Record<string, string> = {};
  const words = o.message ? [o.message] : [];
  for (const [key, text] of Object.entries(o.errors ?? {})) {
    if (answerFor !== undefined && key === 'text' && answerDrawn(o, answerFor)) links[`answer-${answerFor}`] = text;
    else if (answerFor === undefined && (key === 'note' || key === 'visibility') && o.isPartner) links[key] = text;
    else words.push(text);
  }
  return errorSummary(links, words.join(' ') || undefined);
}

/** An answer sent back with no box to hold it is shown to its writer, so their words are not lost. */
function unsentAnswer(o: ReassuranceModel): SafeHtml | null {
  const answer = o.form?.answer?.trim();
  if (!answer || answerDrawn(o, o.form?.answerFor)) return null;
  return html`<section class="card" aria-labelledby="h-unsent"><h2 id="h-unsent">Your words, not sent</h2>
    <p>Only you see this. Nothing was saved.</p>
    <blockquote class="quoted">${answer}</blockquote></section>`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ordinal = (n: number) =>
  ORDINALS[n - 1] ?? `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

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
  const who = (id: string) => {
    const name = id === o.viewerId ? 'You' : (o.names.get(id) ?? 'Your partner');
    return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  };
  const removed = (id: string | null, text: string | undefined) => removedOn(o.former ?? new Map(), id, text);
  const open = o.requests.filter((r) => r.answeredAt === null);
  const answered = o.requests.filter((r) => r.answeredAt !== null);
  const item = (r: ReassuranceView) => html`<li class="card reassurance">
    <p><strong>${who(r.requestedBy)}</strong> asked for reassurance on ${formatInstant(r.createdAt)}.</p>
    ${r.note ? (removed(r.requestedBy, r.note.text) ? removedWords('The note', removed(r.requestedBy, r.note.text)!) : html`<blockquote class="quoted">${r.note.text}</blockquote>`) : null}
    ${
      r.answer !== null
        ? html`<p><strong>${who(r.answeredBy ?? '')}</strong> answered:</p>${
            removed(r.answeredBy, r.answer)
              ? removedWords('The answer', removed(r.answeredBy, r.answer)!)
              : html`<blockquote class="quoted">${r.answer}</blockquote>`
          }`
        : null
    }
    ${
      answerable(o, r)
        ? html`<form method="post" action="/spaces/${o.spaceId}/reassurance/${r.id}/answer" class="stack" id="answer-${r.id}">
          ${csrfField(o.csrf)}
          ${draftTop(o.drafts ?? NO_DRAFTS, reassuranceAnswerPlace(r.id), `/spaces/${o.spaceId}/reassurance#answer-${r.id}`, answerLabel(o, r))}
          ${textarea({ name: 'answer', id: answerFieldId(r.id), label: answerLabel(o, r), hint: 'A few honest, warm words are enough.', value: withDraft(o.drafts ?? NO_DRAFTS, reassuranceAnswerPlace(r.id), 'answer', { sent: o.form?.answerFor === r.id ? (o.form.answer ?? '') : undefined }) ?? '', error: o.form?.answerFor === r.id ? o.errors?.text : undefined, coach: 'message' })}
          <div class="actions"><button type="submit" class="button">Send your answer</button>${draftSave({ about: answerLabel(o, r) })}</div>
        </form>`
        : null
    }
  </li>`;
  const paging = o.paging ?? NEWEST_PAGE;
  const lists = html`<h2>Waiting for an answer</h2>
  ${open.length ? html`<ul class="plain-list">${open.map(item)}</ul>` : html`<p>None ${paging.newest ? 'on this page' : 'right now'}.</p>`}
  <h2>Answered</h2>
  ${answered.length ? html`<ul class="plain-list">${answered.map(item)}</ul>` : html`<p>None ${paging.newest ? 'on this page' : 'yet'}.</p>`}
  ${historyLinks(paging, 'Older requests')}`;
  // An older page stays as it is: the live island would swap in the newest calls.
  if (paging.newest) return html`<div id="reassurance-older">${lists}</div>`;
  return html`<div id="reassurance-live" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/reassurance" data-live-label="Reassurance" data-live-on="reassurance_requested reassurance_answered">
  ${lists}
</div>`;
}
