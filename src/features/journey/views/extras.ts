import { HARD_DAY, PROMPT_TEXTS, THERAPY_RECOMMENDATION } from '../../../core/journey/index.js';
import type { EntryView } from '../service.js';
import {
  SUPPORTED_COUNTRIES,
  type CountryResources,
  type CountryTherapistDirectories,
  type TherapistDirectory,
} from '../../../core/safety/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { groundingCard, reassuranceCard, supportCard } from '../../safety/index.js';
import { affairGuideLink, hardDayGuidesCard } from '../../guides/index.js';
import { csrfField, textField } from '../../../platform/web/components/forms.js';
import {
  departureNote,
  entryCard,
  entryForm,
  formatDate,
  isPartnerView,
  nameOf,
  readingNote,
  stepUrl,
  type FormState,
  type JourneyPageModel,
} from './common.js';

const shared = (m: JourneyPageModel, prompt: EntryView['prompt']) =>
  m.entries.filter((e): e is EntryView => !('sealed' in e) && e.prompt === prompt);

/**
 * The partner who would answer a question or a noted moment, when they left the space: the wait
 * is over, and the page says so instead of "waiting" (issue #19).
 */
function answererWhoLeft(m: JourneyPageModel, askedBy: string): string | null {
  const answerers = m.view.breach.brokeTrust.filter((id) => id !== askedBy);
  const gone = answerers.length > 0 && answerers.every((id) => m.former.has(id)) ? answerers[0]! : null;
  if (gone === null) return null;
  return `Not answered: ${nameOf(m, gone)} ${m.former.get(gone)!.accountDeletedAt ? 'deleted their account' : 'left the space'} before answering`;
}

const isBreaker = (m: JourneyPageModel) => m.view.status.role === 'broke_trust' || m.view.status.role === 'both';
const isHurt = (m: JourneyPageModel) => m.view.status.role === 'hurt' || m.view.status.role === 'both';

export function therapyPage(m: JourneyPageModel, csrf: string, found: CountryTherapistDirectories): SafeHtml {
  const t = THERAPY_RECOMMENDATION;
  return html`<p class="breadcrumb"><a href="/journeys/${m.view.id}">Back to the journey</a></p>
  <h1>${t.title}</h1>
  <p class="lead">${t.intro}</p>
  ${therapistDirectories(m.view.id, found)}
  <section class="card" aria-labelledby="find-heading"><h2 id="find-heading">${t.howToFind.title}</h2>
    <ol>${t.howToFind.steps.map((s) => html`<li>${s}</li>`)}</ol>
  </section>
  ${isPartnerView(m) ? inviteTherapist(m.spaceId, csrf, m.view.status.solo) : null}
  <p class="notice">${t.safety} <a href="/support">Support where you live</a></p>`;
}

/** One directory: what it is, where it goes, and where and when its details were checked. */
function directoryItem(d: TherapistDirectory): SafeHtml {
  return html`<li class="directory">
    <p><a href="${d.url}" rel="noreferrer"><strong>${d.name}</strong></a></p>
    <p>${d.description}</p>
    <p class="small muted">Checked on ${formatDate(d.source.checkedOn)} against <a href="${d.source.url}" rel="noreferrer">a page on ${new URL(d.source.url).hostname.replace(/^www\./, '')}</a>.</p>
  </li>`;
}

/**
 * Where to look, for the person's country first (issue #20), then the international directory, with
 * a plain GET picker (`?country=`) for another country — it works without JavaScript and saves nothing.
 */
function therapistDirectories(journeyId: string, found: CountryTherapistDirectories): SafeHtml {
  const own = found.country === 'INTL' ? null : found;
  return html`<section class="card" aria-labelledby="directories-heading">
    <h2 id="directories-heading">${own ? `Where to look in ${own.countryName}` : 'Where to look'}</h2>
    ${
      own && own.directories.length > 0
        ? html`<ul class="plain-list">${own.directories.map(directoryItem)}</ul>`
        : own
          ? html`<p>Mend does not yet list a directory for ${own.countryName} that we could check. The international directory below covers many countries, and the steps further down help anywhere.</p>`
          : null
    }
    <h3>${own ? 'Anywhere, including online' : 'International'}</h3>
    <ul class="plain-list">${found.international.map(directoryItem)}</ul>
    <p class="small">Mend is not paid by any of these and does not vouch for a particular therapist. Directories change; if an address no longer works, the body’s name will find it.</p>
    <form method="get" action="/journeys/${journeyId}/therapy" class="inline-choice" aria-label="Directories in another country">
      <label for="field-therapy-country">Show directories for</label>
      <select id="field-therapy-country" name="country">
        ${SUPPORTED_COUNTRIES.map((c) => html`<option value="${c.code}"${c.code === found.country ? html` selected` : null}>${c.name}</option>`)}
      </select>
      <button type="submit" class="button button--secondary">Show</button>
    </form>
  </section>`;
}

/** The way to bring a therapist in: the same invitation as on the space's home page. */
function inviteTherapist(spaceId: string, csrf: string, solo: boolean): SafeHtml {
  const t = THERAPY_RECOMMENDATION;
  return html`<section class="card" aria-labelledby="invite-heading"><h2 id="invite-heading">${t.invite.title}</h2>
    <p>${solo ? t.invite.textAlone : t.invite.text}</p>
    <form method="post" action="/spaces/${spaceId}/invitations">${csrfField(csrf)}<input type="hidden" name="role" value="therapist">
      <button type="submit" class="button">Invite your therapist</button></form>
    <p>This makes an invitation link to send them. You can also see who you have invited, and agree to their access, on <a href="/spaces/${spaceId}#therapist-heading">your space’s home page</a>.</p>
  </section>`;
}

export function hardDayPage(m: JourneyPageModel, csrf: string, support: CountryResources): SafeHtml {
  const whys = shared(m, 'why_im_doing_this');
  const own = whys.filter((e) => e.authorId === m.viewerId);
  // Only what the viewer may see reaches this page: the partner's reasons here are shared ones.
  const partners = whys.filter((e) => e.authorId !== m.viewerId && e.visibility === 'shared');
  const back = `/journeys/${m.view.id}/hard-day`;
  return html`<p class="breadcrumb"><a href="${stepUrl(m.view.id, 4)}">Step 4: Practice patience</a></p>
  <h1>${HARD_DAY.title}</h1>
  <p class="lead">${HARD_DAY.intro}</p>
  ${readingNote(m)}
  ${groundingCard(m.view.status.solo)}
  ${
    isPartnerView(m)
      ? html`<section class="card" aria-labelledby="own-why-heading">
        <h2 id="own-why-heading">${HARD_DAY.ownWhyHeading}</h2>
        ${own.length > 0 ? own.map((e) => entryCard(m, csrf, e, back)) : html`<p>${HARD_DAY.noOwnWhy}</p>`}
      </section>`
      : null
  }
  ${
    partners.length > 0
      ? html`<section class="card" aria-labelledby="partner-why-heading">
        <h2 id="partner-why-heading">${isPartnerView(m) ? HARD_DAY.partnerWhyHeading : 'Why they are doing this'}</h2>
        ${partners.map((e) => entryCard(m, csrf, e, back))}
      </section>`
      : null
  }
  ${isPartnerView(m) ? reassuranceCard(m.spaceId, m.view.status.solo) : null}
  ${hardDayGuidesCard(m.view.status.afterCheating)}
  ${isPartnerView(m) ? supportCard(support) : null}`;
}

const QUESTION_STATE = {
  waiting: 'Waiting for an answer',
  deferred: 'Will be answered by',
  overdue: 'The promised date has passed',
  answered: 'Answered',
} as const;

export function questionsPage(m: JourneyPageModel, csrf: string, state?: FormState | null): SafeHtml {
  const questions = shared(m, 'question');
  const answers = shared(m, 'answer');
  const back = `/journeys/${m.view.id}/questions`;
  return html`<p class="breadcrumb"><a href="/journeys/${m.view.id}">Back to the journey</a></p>
  <h1>Questions and answers</h1>
  <p class="lead">After an affair, questions come back again and again. Here the partner who was hurt can ask, one at a time, and the other answers honestly, or says when they will.</p>
  ${affairGuideLink('questions-and-disclosure', 'Read the guide: questions, and what a full disclosure is')}
  ${readingNote(m)}
  ${departureNote(m)}
  ${state?.message ? html`<p class="field-error" role="alert">${state.message}</p>` : null}
  ${questions.length === 0 ? html`<p>No questions yet.</p>` : null}
  ${questions.map((q) => {
    const info = m.view.questions.find((x) => x.id === q.id);
    const replies = answers.filter((a) => a.replyTo === q.id);
    const canAnswer = isBreaker(m) && q.authorId !== m.viewerId && info?.state !== 'answered';
    return html`<section class="card question" id="question-${q.id}" aria-label="Question from ${nameOf(m, q.authorId)}">
      ${entryCard(m, csrf, q, back)}
      <p class="tag">${
        info?.state !== 'answered' && answererWhoLeft(m, q.authorId)
          ? answererWhoLeft(m, q.authorId)
          : html`${info ? QUESTION_STATE[info.state] : ''}${info?.until && info.state !== 'answered' ? ` ${formatDate(`${info.until}T00:00:00Z`)}` : ''}`
      }</p>
      ${replies.map((a) => entryCard(m, csrf, a, back))}
      ${
        canAnswer
          ? html`${entryForm(m, csrf, { prompt: 'answer', step: 5, replyTo: q.id, state, submit: 'Send my answer' })}
          ${
            info?.state === 'waiting'
              ? html`<form method="post" action="/entries/${q.id}/defer" class="stack defer-form">
                ${csrfField(csrf)}
                ${textField({ name: `until-${q.id}`, type: 'date', label: 'Not now, but I will answer by', hint: 'You can do this once for each question.', error: state?.form === `defer-${q.id}` ? state.errors.until : undefined })}
                <button type="submit" class="button button--secondary">Promise an answer by this date</button>
              </form>`
              : null
          }`
          : null
      }
    </section>`;
  })}
  ${
    isHurt(m)
      ? html`<section class="card" aria-labelledby="ask-heading"><h2 id="ask-heading">${PROMPT_TEXTS.question.label}</h2>
        ${entryForm(m, csrf, { prompt: 'question', step: 5, state, submit: 'Ask', labelIsHeading: true })}</section>`
      : null
  }`;
}

export function triggersPage(m: JourneyPageModel, csrf: string, state?: FormState | null): SafeHtml {
  const triggers = shared(m, 'trigger');
  const responses = shared(m, 'trigger_response');
  const back = `/journeys/${m.view.id}/triggers`;
  return html`<p class="breadcrumb"><a href="/journeys/${m.view.id}">Back to the journey</a></p>
  <h1>Moments that brought it back</h1>
  <p class="lead">Some moments bring the pain back without warning. Noting one is enough; the other partner is asked to respond with reassurance. Nothing here is ever counted against anyone.</p>
  ${affairGuideLink('triggers', 'Read the guide: triggers, and how to answer them')}
  ${readingNote(m)}
  ${departureNote(m)}
  ${triggers.length === 0 ? html`<p>Nothing noted yet.</p>` : null}
  ${triggers.map((t) => {
    const replies = responses.filter((r) => r.replyTo === t.id);
    const info = m.view.triggers.find((x) => x.id === t.id);
    const canRespond = isBreaker(m) && t.authorId !== m.viewerId;
    return html`<section class="card trigger" aria-label="A moment noted by ${nameOf(m, t.authorId)}">
      ${entryCard(m, csrf, t, back)}
      <p class="tag">${info?.state === 'reassured' ? 'Reassured' : (answererWhoLeft(m, t.authorId) ?? 'Waiting for reassurance')}</p>
      ${replies.map((r) => entryCard(m, csrf, r, back))}
      ${canRespond ? entryForm(m, csrf, { prompt: 'trigger_response', step: 5, replyTo: t.id, state, submit: 'Send my reassurance' }) : null}
    </section>`;
  })}
  ${
    isHurt(m)
      ? html`<section class="card" aria-labelledby="note-heading"><h2 id="note-heading">${PROMPT_TEXTS.trigger.label}</h2>
        ${entryForm(m, csrf, { prompt: 'trigger', step: 5, state, submit: 'Note it', labelIsHeading: true })}</section>`
      : null
  }`;
}
