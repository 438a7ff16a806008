import { agreementWords, practicesLockedWords } from '../../../core/partner-words.js';
import {
  APOLOGY_BUILDER_TEXTS,
  FORGIVENESS_TEXTS,
  HARD_DAY,
  STEP_PURPOSES,
  TRANSPARENCY_TEMPLATES,
  sentenceStartersFor,
  transparencyOffered,
  type StepNumber,
} from '../../../core/journey/index.js';
import type { ApologyView } from '../service.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { timelineBand } from './timeline-band.js';
import { csrfField } from '../../../platform/web/components/forms.js';
import { agreementList } from '../../agreements/index.js';
import { removedOn, removedWords } from '../../../platform/web/components/former-partners.js';
import {
  capitalised,
  entriesFor,
  entryCard,
  entryForm,
  formatDate,
  isPartnerView,
  nameOf,
  sealedPairSection,
  presenceOf,
  stepHeader,
  stepUrl,
  waitingList,
  type FormState,
  type JourneyPageModel,
} from './common.js';

function stepOf(m: JourneyPageModel, n: StepNumber) {
  return m.view.steps[n - 1]!;
}

function lockedNote(m: JourneyPageModel, n: StepNumber): SafeHtml | null {
  const s = stepOf(m, n);
  if (s.status !== 'locked') return null;
  const text =
    n <= 3
      ? 'This step opens when the one before it is done. You can read what it is for in the meantime.'
      : n < 7
        ? practicesLockedWords(presenceOf(m) !== 'together')
        : 'This step belongs to the partner who was hurt, and opens later in the journey.';
  return html`<p class="notice">${text}</p>`;
}

const isBreaker = (m: JourneyPageModel) => m.view.status.role === 'broke_trust' || m.view.status.role === 'both';
const isHurt = (m: JourneyPageModel) => m.view.status.role === 'hurt' || m.view.status.role === 'both';

// ---- step 1 -------------------------------------------------------------------------------

export function step1Page(m: JourneyPageModel, csrf: string, state?: FormState | null): SafeHtml {
  const starters = sentenceStartersFor(m.view.status.role);
  const acknowledged = m.view.steps[0]!.waitingFor?.every((w) => !(w.who === 'you' && w.task === 'acknowledge')) ?? true;
  const starterList = html`<details class="starters">
      <summary>Sentence starters, if you are not sure how to begin</summary>
      <ul>${starters.map((s) => html`<li>${s}</li>`)}</ul>
    </details>`;
  return html`${stepHeader(m, 'acknowledge', 1, STEP_PURPOSES.acknowledge)}
  ${waitingList(m, stepOf(m, 1).waitingFor)}
  ${sealedPairSection(m, csrf, 'what_happened', 1, state, starterList)}
  <section class="card" aria-labelledby="ack-heading">
    <h2 id="ack-heading">Acknowledging</h2>
    ${
      !isPartnerView(m)
        ? html`<p>Each partner says “I acknowledge that trust was broken” in Mend for themselves.${stepOf(m, 1).status === 'done' ? ' Both have said it.' : ''}</p>`
        : acknowledged
          ? html`<p>You have said: “I acknowledge that trust was broken.”</p>`
          : html`<p>When you are ready, say it in Mend. It does not mean agreeing about everything, only that something broke.</p>
        <form method="post" action="/journeys/${m.view.id}/acknowledge">${csrfField(csrf)}
          <button type="submit" class="button">I acknowledge that trust was broken</button>
        </form>`
    }
  </section>
  <p><a href="${stepUrl(m.view.id, 2)}">Go to step 2</a></p>`;
}

// ---- step 2 -------------------------------------------------------------------------------

function apologyCard(m: JourneyPageModel, a: ApologyView): SafeHtml {
  const mine = a.authorId === m.viewerId;
  const myAnswer = a.responses.find((r) => r.by === m.viewerId);
  const removed = removedOn(m.former, a.authorId, a.text);
  return html`<article class="entry apology">
    <p class="entry__meta">${mine ? 'Your apology' : `From ${nameOf(m, a.authorId)}`} · ${a.deliveredAt ? formatDate(a.deliveredAt) : 'not delivered'}</p>
    ${removed ? removedWords('The apology', removed) : html`<div class="entry__text">${a.text}</div>`}
    ${a.responses.map((r) => {
      // An answer by someone whose account was deleted says only that it was received (stand-in.ts).
      const answerRemoved = m.former.get(r.by)?.accountDeletedAt ?? null;
      return html`<p class="apology__answer"><strong>${r.by === m.viewerId ? 'Your answer' : `${capitalised(nameOf(m, r.by))}’s answer`}:</strong>
        received${r.sincere === true ? '; it felt sincere' : r.sincere === false ? '; it did not feel sincere yet' : ''}${
          r.missing.length > 0
            ? html`; something is missing: ${r.missing.map((c) => APOLOGY_BUILDER_TEXTS[c].label.toLowerCase().replace(/\bi\b/g, 'I')).join(', ')}`
            : ''
        }.${answerRemoved ? html` The rest of the answer was removed by its author on ${formatDate(answerRemoved)}, when they deleted their account.` : ''}</p>
      ${r.missingWords ? html`<div class="apology__missing"><p class="entry__meta">What is missing, in ${r.by === m.viewerId ? 'your' : 'their'} words</p><div class="entry__text">${r.missingWords}</div></div>` : null}`;
    })}
    ${
      !mine && !myAnswer && a.deliveredAt && isHurt(m)
        ? html`<p><a class="button" href="/journeys/${m.view.id}/apologies/${a.id}/answer">Answer this apology</a></p>`
        : null
    }
  </article>`;
}

export function step2Page(m: JourneyPageModel, csrf: string, state?: FormState | null): SafeHtml {
  const locked = stepOf(m, 2).status === 'locked';
  const mine = m.apologies.filter((a) => a.authorId === m.viewerId);
  const theirs = m.apologies.filter((a) => a.authorId !== m.viewerId);
  const back = stepUrl(m.view.id, 2);
  return html`${stepHeader(m, 'responsibility', 2, STEP_PURPOSES.responsibility)}
  ${lockedNote(m, 2)}
  ${!locked ? waitingList(m, stepOf(m, 2).waitingFor) : null}
  ${
    isBreaker(m)
      ? html`<section class="card" aria-labelledby="apology-heading">
        <h2 id="apology-heading">Your apology</h2>
        ${mine.map((a) => apologyCard(m, a))}
        ${
          !locked
            ? html`<p>The apology builder walks you through each part of an apology that owns what happened.</p>
            <p><a class="button${mine.length > 0 ? ' button--secondary' : ''}" href="/journeys/${m.view.id}/apology">${mine.length > 0 ? 'Write another apology' : 'Open the apology builder'}</a></p>`
            : null
        }
      </section>`
      : null
  }
  ${
    theirs.length > 0
      ? html`<section class="card" aria-labelledby="their-apology-heading">
        <h2 id="their-apology-heading">${isHurt(m) ? 'The apology to you' : 'Apologies'}</h2>
        <p class="hint">Answering says you received it and how it landed. It is not the same as forgiving.</p>
        ${theirs.map((a) => apologyCard(m, a))}
      </section>`
      : null
  }
  <section class="card" aria-labelledby="what_hurts-heading">
    <h2 id="what_hurts-heading">What hurts, and what I need</h2>
    ${entriesFor(m, 'what_hurts').map((e) => entryCard(m, csrf, e, back))}
    ${isHurt(m) && !locked ? entryForm(m, csrf, { prompt: 'what_hurts', step: 2, state, labelIsHeading: true }) : entriesFor(m, 'what_hurts').length === 0 ? html`<p>Nothing shared here yet.</p>` : null}
  </section>`;
}

// ---- step 3 -------------------------------------------------------------------------------

export function step3Page(m: JourneyPageModel, csrf: string, state?: FormState | null): SafeHtml {
  const locked = stepOf(m, 3).status === 'locked';
  return html`${stepHeader(m, 'expectations', 3, STEP_PURPOSES.expectations)}
  ${lockedNote(m, 3)}
  ${
    !locked
      ? html`${waitingList(m, stepOf(m, 3).waitingFor)}
      ${sealedPairSection(m, csrf, 'trust_looks_like', 3, state)}
      <section class="card" aria-labelledby="agreements-heading">
        <h2 id="agreements-heading">Agreements</h2>
        <p>${agreementWords(presenceOf(m)).intro}</p>
        ${agreementList(m, csrf)}
        ${m.agreements.some((a) => a.status === 'active') ? whereLogged(m) : null}
        ${isPartnerView(m) ? html`<p><a class="button" href="/journeys/${m.view.id}/agreements/new">${agreementWords(presenceOf(m)).action}</a></p>` : null}
      </section>
      ${isPartnerView(m) && transparencyOffered(m.view.breach.kind) && agreementWords(presenceOf(m)).transparencyOffered ? transparencyOffer(m) : null}`
      : null
  }`;
}

/**
 * After cheating, step 3 offers transparency agreements: a partner tells, by choice and for a set
 * time, what the other needs to know to feel safe again. Each template opens the proposal form
 * filled in; nothing is in force until both agree.
 */
function transparencyOffer(m: JourneyPageModel): SafeHtml {
  return html`<section class="card" aria-labelledby="transparency-heading">
    <h2 id="transparency-heading">Transparency agreements</h2>
    <p>After an affair, knowing what is going on can help the hurt partner feel safe again. A transparency agreement is something one of you chooses to tell the other, for a set time of up to twelve weeks. It starts only when you both agree, either of you can suggest changes, and when it ends you can agree a new one or let it go.</p>
    <p>Mend never watches anyone: it offers no way to see a phone, messages or a location, and an agreement to hand those over is not something it suggests. Telling is chosen; being watched is not the same as trust.</p>
    <p>Start from one of these and make it your own:</p>
    <ul class="template-list">${TRANSPARENCY_TEMPLATES.map(
      (t) =>
        html`<li><a href="/journeys/${m.view.id}/agreements/new?template=${t.id}">${t.name}</a>: <span class="muted">“${t.text}”</span></li>`,
    )}</ul>
  </section>`;
}

// ---- step 4 -------------------------------------------------------------------------------

export function step4Page(m: JourneyPageModel, csrf: string, state?: FormState | null): SafeHtml {
  const locked = stepOf(m, 4).status === 'locked';
  const t = m.view.timeline;
  const back = stepUrl(m.view.id, 4);
  return html`${stepHeader(m, 'patience', 4, STEP_PURPOSES.patience)}
  ${lockedNote(m, 4)}
  <section class="card" aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">How far you have come</h2>
    ${timelineBand(t, m.view.kind, isPartnerView(m) ? 'partner' : 'therapist', isPartnerView(m) ? `/journeys/${m.view.id}#breach-dates` : null)}
    <p>It is a rough guide, not a deadline.</p>
    <p class="small">${t.range.sourceNote}</p>
  </section>
  ${
    !locked
      ? html`<section class="card" aria-labelledby="why-heading">
        <h2 id="why-heading">Why I am doing this</h2>
        ${entriesFor(m, 'why_im_doing_this').map((e) => entryCard(m, csrf, e, back))}
        ${entryForm(m, csrf, { prompt: 'why_im_doing_this', step: 4, state, labelIsHeading: true })}
      </section>
      <p><a class="button button--secondary" href="/journeys/${m.view.id}/hard-day">${HARD_DAY.title}</a></p>`
      : null
  }`;
}

// ---- steps 5 and 6 ------------------------------------------------------------------------

export function step5Page(m: JourneyPageModel): SafeHtml {
  return html`${stepHeader(m, 'communicate', 5, STEP_PURPOSES.communicate)}
  ${lockedNote(m, 5)}
  ${waitingList(m, stepOf(m, 5).waitingFor)}
  <ul>
    <li><a href="/spaces/${m.spaceId}/check-in">Today's check-in</a> — about twenty seconds</li>
    <li><a href="/spaces/${m.spaceId}/meetings">The weekly check-in meeting</a></li>
    <li><a href="/spaces/${m.spaceId}/reassurance">Ask for, or give, reassurance</a></li>
  </ul>
  ${
    m.view.status.questionsAndAnswers
      ? html`<section class="card" aria-labelledby="after-heading">
        <h2 id="after-heading">After an affair</h2>
        <p>These two are open from the first day, whatever step you are on.</p>
        <ul>
          <li><a href="/journeys/${m.view.id}/questions">Questions and answers</a> (${m.view.questions.filter((q) => q.state !== 'answered').length} waiting)</li>
          <li><a href="/journeys/${m.view.id}/triggers">Moments that brought it back</a> (${m.view.triggers.filter((t) => t.state !== 'reassured').length} waiting for reassurance)</li>
        </ul>
      </section>`
      : null
  }`;
}

/** Where an agreement in force is logged: said on step 3 once one is agreed, and on step 6. */
function whereLogged(m: JourneyPageModel): SafeHtml {
  return html`<p>Each agreement’s log, where occasions are recorded as kept or missed, is on <a href="/spaces/${m.spaceId}/agreement-log">the agreement log</a>; how it adds up is on <a href="/spaces/${m.spaceId}/progress">your progress</a>.</p>`;
}

export function step6Page(m: JourneyPageModel, csrf: string): SafeHtml {
  return html`${stepHeader(m, 'consistency', 6, STEP_PURPOSES.consistency)}
  ${lockedNote(m, 6)}
  ${waitingList(m, stepOf(m, 6).waitingFor)}
  <section class="card" aria-labelledby="active-heading">
    <h2 id="active-heading">Your agreements</h2>
    ${agreementList(m, csrf, { activeOnly: true })}
    ${whereLogged(m)}
  </section>`;
}

// ---- step 7 -------------------------------------------------------------------------------

export function step7Page(m: JourneyPageModel, csrf: string, state?: FormState | null): SafeHtml {
  const s = stepOf(m, 7);
  const gate = m.view.status.forgiveness;
  const back = stepUrl(m.view.id, 7);
  if (gate === null) {
    // Not the hurt partner: no gate, no countdown, nothing to press on.
    const statements = entriesFor(m, 'forgiveness_statement');
    return html`${stepHeader(m, 'forgive', 7, STEP_PURPOSES.forgive)}
    <p>This step belongs to the partner who was hurt.${isPartnerView(m) ? ' Mend does not ask them about it, and neither does it ask you to.' : ' Mend does not ask them about it.'}</p>
    ${statements.map((e) => entryCard(m, csrf, e, back))}`;
  }
  if (s.status === 'locked') {
    return html`${stepHeader(m, 'forgive', 7, STEP_PURPOSES.forgive)}
    <p>${FORGIVENESS_TEXTS.earlyChoice}</p>
    <form method="post" action="/journeys/${m.view.id}/forgiveness/open">${csrfField(csrf)}
      <button type="submit" class="button button--secondary">${FORGIVENESS_TEXTS.earlyChoiceAction}</button>
    </form>`;
  }
  return html`${stepHeader(m, 'forgive', 7, STEP_PURPOSES.forgive)}
  <p>${FORGIVENESS_TEXTS.openIntro}</p>
  <section class="card" aria-labelledby="forgiveness_reflection-heading">
    <h2 id="forgiveness_reflection-heading">A reflection, for you alone</h2>
    ${entriesFor(m, 'forgiveness_reflection').map((e) => entryCard(m, csrf, e, back))}
    ${entryForm(m, csrf, { prompt: 'forgiveness_reflection', step: 7, state })}
  </section>
  <section class="card" aria-labelledby="forgiveness_statement-heading">
    <h2 id="forgiveness_statement-heading">A statement, if you want one</h2>
    ${entriesFor(m, 'forgiveness_statement').map((e) => entryCard(m, csrf, e, back))}
    ${entryForm(m, csrf, { prompt: 'forgiveness_statement', step: 7, state })}
  </section>
  <p>${FORGIVENESS_TEXTS.notForgetting}</p>`;
}
