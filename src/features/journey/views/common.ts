import { formatDate, nameOf, radios, textArea, type AgreementView } from '../../agreements/index.js';
import { stepGuideLinks } from '../../guides/index.js';

/** The form parts step 3's agreement views share with the journey's (they live with agreements, which journeys build on). */
export { formatDate, nameOf, radios, textArea };
import type { ApologyView, EntryOrStub, EntryView, JourneyView } from '../service.js';
import {
  BREACH_KIND_LABELS,
  PROMPTS,
  PROMPT_TEXTS,
  STEP_TITLES,
  stepNumber,
  type PromptKey,
  type StepKey,
  type StepNumber,
  type Task,
  type Waiting,
} from '../../../core/journey/index.js';
import type { Visibility } from '../../../core/visibility/index.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField } from '../../../platform/web/components/forms.js';
import { departureSentence, removedOn, removedWords, type Departures } from '../../../platform/web/components/former-partners.js';
import { draftSave, draftTop, withDraft, type DraftBook } from '../../drafts/index.js';
import { entryPlace } from '../../../core/drafts/places.js';
import { promptHelper, sealedWords, SHARED_HINT_ALONE, type PartnerPresence } from '../../../core/partner-words.js';

/** Everything a journey page shows, already filtered to what the viewer may see. */
export interface JourneyPageModel {
  viewerId: string;
  /**
   * The viewer's place in the space. Only partners write on a journey; an active therapist reads
   * what the partners have shared, and is shown no forms they would only be refused.
   */
  relation: 'partner' | 'therapist';
  spaceId: string;
  spaceName: string;
  /** Account id → display name, for the people of the space and the partners who left it. */
  names: Record<string, string>;
  /** The partners who left the space, by account id (a deleted account's stand-in has no name). */
  former: Departures;
  view: JourneyView;
  entries: EntryOrStub[];
  apologies: ApologyView[];
  /** The journey's agreements, every status. */
  agreements: AgreementView[];
  /** The viewer's own drafts in the space (none for a therapist), drawn back into their forms. */
  drafts: DraftBook;
}

/** A form that came back with problems: which prompt, what was typed, what is wrong. */
export interface FormState {
  form: string;
  values: Record<string, string>;
  errors: ErrorDetails;
  message?: string | undefined;
  coach?: SafeHtml | null;
}

export function journeyTitle(view: JourneyView): string {
  return BREACH_KIND_LABELS[view.kind];
}

export function stepUrl(journeyId: string, n: number): string {
  return `/journeys/${journeyId}/steps/${n}`;
}

/** The partner who left, when this journey goes on without them (the latest, if more than one did). */
export function formerPartner(m: JourneyPageModel) {
  return [...m.former.values()].at(-1) ?? null;
}

const TASK_WORDS: Record<Task, string> = {
  join_space: 'join your space in Mend',
  acknowledge: 'acknowledge that trust was broken',
  write_what_happened: 'write what happened and how it affected them',
  deliver_apology: 'offer an apology',
  answer_apology: 'answer the apology',
  write_what_hurts: 'write what hurts and what is needed',
  write_trust_looks_like: 'write what trust looks like for them',
  propose_agreement: 'propose an agreement',
  accept_agreement: 'accept or counter an agreement',
  weekly_meeting: 'take part in the weekly check-in meeting',
  review_log: 'confirm the agreement log',
};

/**
 * What a step waits for, in words. A partner who left is not waited for: their part is said as
 * left undone, and what a partner could do is said for one who might join again, never as if
 * the partner who left had not joined yet (issue #19).
 */
export function waitingList(m: JourneyPageModel, waiting: readonly Waiting[] | undefined): SafeHtml | null {
  if (!waiting || waiting.length === 0) return null;
  const someoneLeft = m.former.size > 0;
  return html`<ul class="waiting">
    ${waiting.map((w) => {
      const task = TASK_WORDS[w.task];
      if (w.who === 'you') return html`<li><strong>Your part:</strong> ${task}</li>`;
      if (w.accountId === null)
        return html`<li>${someoneLeft ? `If your partner joins the space again, they can ${task}` : `When your partner joins, they can ${task}`}</li>`;
      const gone = m.former.get(w.accountId);
      if (gone)
        return html`<li>Not done: ${nameOf(m, w.accountId)} ${gone.accountDeletedAt ? 'deleted their account' : 'left the space'} before they could ${task}.</li>`;
      return html`<li>Waiting for ${nameOf(m, w.accountId)} to ${task}</li>`;
    })}
  </ul>`;
}

/** What a partner who joins (again) would be asked to do, as a plain list under a sentence that says so. */
export function partnerTasks(waiting: readonly Waiting[]): SafeHtml | null {
  const tasks = waiting.filter((w) => w.task !== 'join_space');
  if (tasks.length === 0) return null;
  return html`<ul class="waiting">${tasks.map((w) => html`<li>${TASK_WORDS[w.task]}</li>`)}</ul>`;
}

/** Said once on a journey page when a partner left: who, when, and that what was reached stays. */
export function departureNote(m: JourneyPageModel): SafeHtml | null {
  const gone = formerPartner(m);
  if (!gone) return null;
  return html`<p class="notice departure-note">${departureSentence(gone, m.relation)} Everything reached together stays as it was${gone.accountDeletedAt ? ', and where their words were, this page says they were removed' : ''}.</p>`;
}

/** What stands where an entry's words were, when its author deleted their account. */
const REMOVED_WHAT: Partial<Record<PromptKey, string>> = {
  answer: 'The answer',
  question: 'The question',
  trigger: 'What they noted',
  trigger_response: 'Their reassurance',
};

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  private: 'Only me',
  shared: 'Shared with my partner',
  sealed: 'Sealed until my partner writes theirs',
};

/** Whether a partner is there to write their half (solo: nobody has joined, or the partner left). */
export const presenceOf = (m: JourneyPageModel): PartnerPresence =>
  !m.view.status.solo ? 'together' : m.former.size > 0 ? 'left' : 'not_joined';

/** A sealed half alone is one's own reflection for now (issue #20); the other labels stay. */
const visibilityLabel = (m: JourneyPageModel, v: Visibility): string =>
  v === 'sealed' ? sealedWords(presenceOf(m)).label : VISIBILITY_LABELS[v];
const visibilityHint = (m: JourneyPageModel, v: Visibility): string =>
  v === 'sealed'
    ? sealedWords(presenceOf(m)).hint
    : v === 'shared' && presenceOf(m) !== 'together'
      ? SHARED_HINT_ALONE
      : VISIBILITY_HINTS[v];

const VISIBILITY_HINTS: Record<Visibility, string> = {
  private: 'Nobody else can read it. You can share it later.',
  shared: 'Your partner can read it, and a therapist if you both invited one. It cannot be made private again, but you can delete it.',
  sealed: 'Until then only you read it; both open at the same moment.',
};

export const isPartnerView = (m: JourneyPageModel): boolean => m.relation === 'partner';

/** Said once at the top of a therapist's journey pages, instead of forms they may not use. */
export function readingNote(m: JourneyPageModel): SafeHtml | null {
  return isPartnerView(m)
    ? null
    : html`<p class="notice reading-note">You are reading this as the couple’s therapist. The partners write here; you see what they have chosen to share.</p>`;
}

/** The step page's heading, its purpose in Mend's words, and a way back. */
export function stepHeader(m: JourneyPageModel, key: StepKey, number: StepNumber, purpose: string): SafeHtml {
  const step = m.view.steps.find((s) => s.key === key);
  const state = step?.status === 'done' ? 'Done' : step?.status === 'open' ? 'Open' : 'Not open yet';
  return html`<p class="breadcrumb"><a href="/journeys/${m.view.id}">${journeyTitle(m.view)} — all steps</a></p>
  <h1>Step ${number}: ${STEP_TITLES[key]}</h1>
  <p class="step-state step-state--${step?.status ?? 'locked'}">${state}</p>
  <p class="lead">${purpose}</p>
  ${stepGuideLinks(key, m.view.status.role, m.view.status.solo)}
  ${readingNote(m)}
  ${departureNote(m)}`;
}

const COACH_KIND: Partial<Record<PromptKey, 'message'>> = {
  what_happened: 'message',
  what_hurts: 'message',
  trust_looks_like: 'message',
  forgiveness_statement: 'message',
  answer: 'message',
  trigger: 'message',
  trigger_response: 'message',
  question: 'message',
};

/** A form for one prompt; it posts to the step page, which re-renders it with any problems. */
export function entryForm(
  m: JourneyPageModel,
  csrf: string,
  o: {
    prompt: PromptKey;
    step: number;
    state?: FormState | null | undefined;
    replyTo?: string;
    submit?: string;
    idSuffix?: string;
    pairOpened?: boolean;
    /** The partner's sealed half is written and waits for this one: saving opens both. */
    otherHalfWritten?: boolean;
    /** The heading just above says the label's words: shown once, still read out with the box. */
    labelIsHeading?: boolean;
  },
): SafeHtml | null {
  // Writing is the partners' part; a therapist's page has no form to be refused by.
  if (!isPartnerView(m)) return null;
  const formId = o.replyTo ? `${o.prompt}-${o.replyTo}` : o.prompt;
  const state = o.state && o.state.form === formId ? o.state : null;
  const rule = PROMPTS[o.prompt];
  const texts = PROMPT_TEXTS[o.prompt];
  const fieldId = `field-${formId}`;
  const coachKind = COACH_KIND[o.prompt];
  const place = entryPlace(m.view.id, o.prompt, o.replyTo);
  return html`<form method="post" action="/journeys/${m.view.id}/steps/${o.step}/entries" class="stack entry-form" id="form-${formId}">
    ${csrfField(csrf)}
    ${draftTop(m.drafts, place, `${entryPageUrl(m.view.id, o.prompt)}#form-${formId}`)}
    <input type="hidden" name="prompt" value="${o.prompt}">
    ${o.replyTo ? html`<input type="hidden" name="replyTo" value="${o.replyTo}">` : null}
    ${state?.message ? html`<p class="field-error" role="alert">${state.message}</p>` : null}
    ${textArea({
      name: 'text',
      id: fieldId,
      label: texts.label,
      ...(o.labelIsHeading ? { labelHidden: true } : {}),
      // Its helper promises a seal; an opened pair's hint below says what happens instead.
      ...(o.pairOpened ? {} : { hint: promptHelper(o.prompt, presenceOf(m), texts.helper) }),
      value: withDraft(m.drafts, place, 'text', { sent: state?.values.text }),
      error: state?.errors.text ?? state?.errors.replyTo,
      ...(coachKind ? { coach: coachKind } : {}),
    })}
    ${state?.coach ?? null}
    ${
      rule.visibilities.length > 1
        ? radios({
            name: 'visibility',
            id: `${formId}-visibility`,
            legend: 'Who can read it',
            options: rule.visibilities.map((v) => ({ value: v, label: visibilityLabel(m, v), hint: visibilityHint(m, v) })),
            value: state?.values.visibility,
            error: state?.errors.visibility,
          })
        : html`<input type="hidden" name="visibility" value="${rule.visibilities[0] ?? 'private'}">
        ${
          // The partner's half, drawn just above the form, already says that saving opens both.
          o.otherHalfWritten && !o.pairOpened
            ? null
            : html`<p class="hint">${
                o.pairOpened
                  ? 'This pair has already opened, so your partner can read what you save here straight away.'
                  : html`${visibilityLabel(m, rule.visibilities[0] ?? 'private')}. ${visibilityHint(m, rule.visibilities[0] ?? 'private')}`
              }</p>`
        }`
    }
    <div class="actions"><button type="submit" class="button">${o.submit ?? 'Save'}</button>${draftSave()}</div>
  </form>`;
}

/** The page that shows a prompt's form: questions and the trigger log have their own, the rest their step's. */
export function entryPageUrl(journeyId: string, prompt: PromptKey): string {
  if (prompt === 'question' || prompt === 'answer') return `/journeys/${journeyId}/questions`;
  if (prompt === 'trigger' || prompt === 'trigger_response') return `/journeys/${journeyId}/triggers`;
  return stepUrl(journeyId, stepNumber(PROMPTS[prompt].step));
}

/** A sealed half once both are written and open: it is no longer waiting for anyone (issue #20). */
export const OPENED_LABEL = 'Opened — you both wrote yours';
/** The same, to their therapist. */
export const OPENED_LABEL_THERAPIST = 'Opened — they both wrote theirs';

/**
 * Whether a sealed half shown in full has opened: its pair's opening is recorded, or it is the
 * partner's half (a partner's sealed half is only ever shown once open), or the partner's half of
 * the same prompt is shown in full beside one's own.
 */
function sealedHalfOpened(m: JourneyPageModel, e: { prompt: PromptKey; authorId: string }, mine: boolean): boolean {
  if (m.view.openedPairs.some((p) => p.prompt === e.prompt)) return true;
  if (!mine) return true;
  return m.entries.some((x) => !('sealed' in x) && x.prompt === e.prompt && x.authorId !== e.authorId && x.visibility === 'sealed');
}

/** One entry, or the quiet note that a sealed one exists. */
export function entryCard(m: JourneyPageModel, csrf: string, e: EntryOrStub, back: string): SafeHtml {
  if ('sealed' in e) {
    return html`<div class="entry entry--sealed"><p>${nameOf(m, e.authorId)} has written theirs. It stays sealed until you write yours; then both open at once.</p></div>`;
  }
  const mine = e.authorId === m.viewerId;
  const canShare = mine && e.visibility === 'private' && PROMPTS[e.prompt].visibilities.includes('shared');
  const removed = removedOn(m.former, e.authorId, e.text);
  return html`<article class="entry">
    <p class="entry__meta">${mine ? 'You' : capitalised(nameOf(m, e.authorId))} · ${formatDate(e.createdAt)} · ${e.visibility === 'sealed' && sealedHalfOpened(m, e, mine) ? (isPartnerView(m) ? OPENED_LABEL : OPENED_LABEL_THERAPIST) : visibilityLabel(m, e.visibility)}</p>
    ${removed ? removedWords(REMOVED_WHAT[e.prompt] ?? 'What they wrote', removed) : html`<div class="entry__text">${e.text}</div>`}
    ${
      mine
        ? html`<div class="actions entry__actions">
          ${
            canShare
              ? html`<form method="post" action="/entries/${e.id}/share" class="inline-form">${csrfField(csrf)}<input type="hidden" name="back" value="${back}"><button type="submit" class="button button--secondary">Share with my partner</button></form>`
              : null
          }
          <form method="post" action="/entries/${e.id}/delete" class="inline-form">${csrfField(csrf)}<input type="hidden" name="back" value="${back}"><button type="submit" class="link-button">Delete this entry</button></form>
        </div>`
        : null
    }
  </article>`;
}

export function entriesFor(m: JourneyPageModel, prompt: PromptKey): EntryOrStub[] {
  return m.entries.filter((e) => e.prompt === prompt);
}

export function ownEntry(m: JourneyPageModel, prompt: PromptKey): EntryView | undefined {
  return m.entries.find((e): e is EntryView => !('sealed' in e) && e.prompt === prompt && e.authorId === m.viewerId);
}

/** A sealed pair (steps 1 and 3): your entry, the partner's (or its stub), and the form if you have not written. */
export function sealedPairSection(
  m: JourneyPageModel,
  csrf: string,
  prompt: PromptKey,
  step: number,
  state: FormState | null | undefined,
  extra?: SafeHtml | null,
): SafeHtml {
  const mine = ownEntry(m, prompt);
  const theirs = entriesFor(m, prompt).filter((e) => e.authorId !== m.viewerId);
  const back = stepUrl(m.view.id, step);
  const opened = m.view.openedPairs.find((p) => p.prompt === prompt);
  const removed = opened ? removedNotes(m, opened.removedBy) : null;
  if (!isPartnerView(m)) {
    // A therapist sees an opened pair in full and nothing of a half still sealed, not even a stub.
    return html`<section class="card" aria-labelledby="${prompt}-heading">
      <h2 id="${prompt}-heading">${PROMPT_TEXTS[prompt].label}</h2>
      ${theirs.map((e) => entryCard(m, csrf, e, back))}${removed}
      ${theirs.length === 0 && !opened ? html`<p>Nothing here is open yet. Both halves open together once each partner has written theirs.</p>` : null}
    </section>`;
  }
  // Two partners: the entry's own line already says it is sealed until the partner writes theirs
  // (issue #20: said once). Alone, the note says why no one is writing the other half.
  const waitingForPartner = mine && theirs.length === 0 && !opened && m.view.status.solo;
  return html`<section class="card" aria-labelledby="${prompt}-heading">
    <h2 id="${prompt}-heading">${PROMPT_TEXTS[prompt].label}</h2>
    ${
      mine
        ? html`${entryCard(m, csrf, mine, back)}${theirs.map((e) => entryCard(m, csrf, e, back))}`
        : // The partner's half (or its sealed note) first: it says what saving this one does.
          html`${theirs.map((e) => entryCard(m, csrf, e, back))}${extra ?? null}${entryForm(m, csrf, { prompt, step, state, submit: opened ? 'Save' : 'Seal and save', pairOpened: opened !== undefined, otherHalfWritten: theirs.length > 0, labelIsHeading: true })}`
    }${removed}
    ${
      waitingForPartner
        ? html`<p class="notice">${
            m.former.size > 0
              ? 'Your partner left before writing theirs. If they join the space again and write theirs, both open at the same moment.'
              : 'Your partner has not joined yet. When they write theirs, both open at the same moment.'
          }</p>`
        : null
    }
  </section>`;
}

/** Where a half of an opened pair was: who removed it (its author; the pair stays open). */
function removedNotes(m: JourneyPageModel, removedBy: ReadonlyArray<string | null>): SafeHtml | null {
  if (removedBy.length === 0) return null;
  return html`${removedBy.map(
    (id) =>
      html`<p class="entry entry--removed">${
        id === null
          ? 'A partner who has since deleted their account wrote one here; it was removed with their account.'
          : id === m.viewerId
            ? 'You removed your entry after both had opened.'
            : html`${nameOf(m, id)} removed their entry after both had opened.`
      }</p>`,
  )}`;
}

export const capitalised = (words: string): string => `${words.charAt(0).toUpperCase()}${words.slice(1)}`;

export function errorsFromState(state: FormState | null | undefined): ErrorDetails | undefined {
  return state?.errors;
}
