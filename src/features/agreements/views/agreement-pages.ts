import { CADENCES, type Cadence } from '../../../core/journey/index.js';
import type { AgreementView } from '../service.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary, textField } from '../../../platform/web/components/forms.js';
import { formatDate, nameOf, radios, textArea } from './form-parts.js';
import { removedOn, removedWords, type Departures } from '../../../platform/web/components/former-partners.js';
import { activeAgreementWords } from '../../../core/partner-words.js';
import { draftSave, draftTop, withDraft, type DraftBook } from '../../drafts/index.js';

/** What the agreement views read of the journey page they are on: who is looking, the partners' names, the agreements. */
type JourneyPageModel = { viewerId: string; names: Record<string, string>; agreements: AgreementView[]; former?: Departures };

export const CADENCE_LABELS: Record<Cadence, string> = {
  each_time: 'Each time it comes up',
  daily: 'Every day',
  weekly: 'Every week',
  once: 'Once',
};

const STATUS_WORDS = {
  proposed: 'Proposed',
  active: 'Agreed',
  countered: 'Changed by a counter-proposal',
  withdrawn: 'Withdrawn',
} as const;

function agreementCard(m: JourneyPageModel, csrf: string, a: AgreementView, all: AgreementView[]): SafeHtml {
  const committed = a.committedBy.map((id) => nameOf(m, id)).join(' and ');
  const isPartner = m.viewerId in m.names;
  const canAnswer = a.status === 'proposed' && a.proposedBy !== m.viewerId && isPartner;
  const earlier: AgreementView[] = [];
  let cursor = a.replaces ? all.find((x) => x.id === a.replaces) : undefined;
  while (cursor && earlier.length < 20) {
    earlier.push(cursor);
    cursor = cursor.replaces ? all.find((x) => x.id === cursor!.replaces) : undefined;
  }
  const removed = (x: AgreementView) => removedOn(m.former ?? new Map(), x.proposedBy, x.text);
  return html`<article class="agreement agreement--${a.status}">
    ${removed(a) ? removedWords('What it said', removed(a)!) : html`<p class="agreement__text">${a.text}</p>`}
    <p class="entry__meta">${committed[0]?.toUpperCase()}${committed.slice(1)} ${a.committedBy.length > 1 ? 'commit' : a.committedBy[0] === m.viewerId ? 'commit' : 'commits'} · ${CADENCE_LABELS[a.cadence]}${a.reviewOn ? ` · ${a.transparency ? 'until' : 'review on'} ${formatDate(`${a.reviewOn}T00:00:00Z`)}` : ''}</p>
    <p class="tag">${a.transparency ? 'Transparency agreement · ' : ''}${a.status === 'active' ? activeAgreementWords(a, m.viewerId, nameOf(m, a.proposedBy)) : STATUS_WORDS[a.status]}${a.status === 'proposed' ? ` by ${nameOf(m, a.proposedBy)}` : ''}</p>
    ${
      earlier.length > 0
        ? html`<details><summary>How you got here</summary><ol>${earlier.reverse().map((e) => html`<li>${nameOf(m, e.proposedBy)} proposed: ${removed(e) ? 'words since removed' : html`“${e.text}”`} (${CADENCE_LABELS[e.cadence]})</li>`)}</ol></details>`
        : null
    }
    ${
      canAnswer
        ? html`<div class="actions">
          <form method="post" action="/agreements/${a.id}/accept" class="inline-form">${csrfField(csrf)}<button type="submit" class="button">Accept this agreement</button></form>
          <a class="button button--secondary" href="/agreements/${a.id}/counter">Suggest a change</a>
        </div>`
        : null
    }
    ${
      a.status === 'proposed' && a.proposedBy === m.viewerId
        ? html`<form method="post" action="/agreements/${a.id}/withdraw" class="inline-form">${csrfField(csrf)}<button type="submit" class="link-button">Withdraw this proposal</button></form>`
        : null
    }
  </article>`;
}

/** The journey's current agreements: proposals waiting and agreements in force; counters show their history. */
export function agreementList(m: JourneyPageModel, csrf: string, o: { activeOnly?: boolean } = {}): SafeHtml {
  const current = m.agreements.filter((a) => (o.activeOnly ? a.status === 'active' : a.status === 'active' || a.status === 'proposed'));
  if (current.length === 0) return html`<p>No agreements ${o.activeOnly ? 'in force' : ''} yet.</p>`;
  return html`<div class="agreements">${current.map((a) => agreementCard(m, csrf, a, m.agreements))}</div>`;
}

export interface AgreementFormModel {
  action: string;
  title: string;
  lead: string;
  back: string;
  partners: Array<{ accountId: string; displayName: string }>;
  viewerId: string;
  values: Record<string, string>;
  errors?: ErrorDetails;
  coach?: SafeHtml | null;
  submit: string;
  /** The form's draft: the author's own drafts and the place of this form (issue #18). */
  draft?: { book: DraftBook; place: string };
  /** The form's own page, where "Save draft" comes back to (its action posts elsewhere). */
  selfUrl?: string;
  /** A transparency agreement: its end is asked for, within twelve weeks, and said why. */
  transparency?: boolean;
}

/** Proposing or countering: who commits, the behaviour, how often, a review date. */
export function agreementFormPage(csrf: string, f: AgreementFormModel): SafeHtml {
  const partner = f.partners.find((p) => p.accountId !== f.viewerId);
  const who = [
    { value: 'me', label: 'I do' },
    ...(partner
      ? [
          { value: 'partner', label: `${partner.displayName} does` },
          { value: 'both', label: 'We both do' },
        ]
      : []),
  ];
  return html`<h1>${f.title}</h1>
  <p class="lead">${f.lead}</p>
  ${
    f.transparency
      ? html`<p class="notice">A transparency agreement: something chosen to be told, for a set time, never a way to watch. It starts only when you both agree.</p>`
      : null
  }
  ${errorSummary(f.errors)}
  <form method="post" action="${f.action}" class="stack" id="agreement-form">
    ${csrfField(csrf)}
    ${f.draft ? draftTop(f.draft.book, f.draft.place, `${f.selfUrl ?? f.action}#agreement-form`) : null}
    ${radios({ name: 'who', legend: 'Who commits to it?', options: who, value: f.values.who ?? 'me', error: f.errors?.committedBy })}
    ${textArea({
      name: 'text',
      label: 'What will be done',
      hint: 'Something the other could notice: “I tell you before I meet X”, rather than “be more honest”.',
      value: f.draft
        ? withDraft(f.draft.book, f.draft.place, 'text', { sent: f.errors ? f.values.text : undefined, saved: f.values.text })
        : f.values.text,
      error: f.errors?.text,
      coach: 'agreement',
      maxlength: 2000,
    })}
    ${f.coach ?? null}
    ${radios({
      name: 'cadence',
      legend: 'How often',
      options: CADENCES.map((c) => ({ value: c, label: CADENCE_LABELS[c] })),
      value: f.values.cadence ?? 'each_time',
      error: f.errors?.cadence,
    })}
    ${
      f.transparency
        ? html`<input type="hidden" name="transparency" value="yes">
          ${textField({ name: 'reviewOn', type: 'date', label: 'It ends on', hint: 'Up to twelve weeks from today. When it ends you can agree a new one together, or let it go.', value: f.values.reviewOn ?? '', error: f.errors?.reviewOn, required: true })}`
        : textField({
            name: 'reviewOn',
            type: 'date',
            label: 'Look at it again on (optional)',
            hint: 'A date to check together whether it still fits.',
            value: f.values.reviewOn ?? '',
            error: f.errors?.reviewOn,
          })
    }
    <div class="actions"><button type="submit" class="button">${f.submit}</button>${f.draft ? draftSave() : null}</div>
  </form>
  <p><a href="${f.back}">Back</a></p>`;
}
