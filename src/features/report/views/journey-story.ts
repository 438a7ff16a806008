import {
  BREACH_KIND_LABELS,
  PROMPT_TEXTS,
  PROMPTS,
  STEP_KEYS,
  STEP_TITLES,
  APOLOGY_BUILDER_TEXTS,
  timelineWords as journeyTimelineWords,
  type StepDate,
} from '../../../core/journey/index.js';
import { monthYear } from '../../../platform/web/dates.js';
import type { JourneyStory } from '../../journey/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { andList, calendarDay, capitalised, dayOf, nameIn, removedAt, visibilityLabel, writing } from './report-common.js';
import { removedWords } from '../../../platform/web/components/former-partners.js';
import type { SpaceReport } from '../gather.js';

type Model = JourneyStory['model'];
type Entry = Model['entries'][number];
type FullEntry = Exclude<Entry, { sealed: true }>;

const isFull = (e: Entry): e is FullEntry => !('sealed' in e && e.sealed === true);

function stepLine(r: SpaceReport, s: StepDate): string {
  if (s.status === 'done') return s.doneAt ? `done on ${dayOf(r, s.doneAt)}` : 'done';
  if (s.status === 'open') return s.openedAt ? `open since ${dayOf(r, s.openedAt)}` : 'open';
  return 'not open yet';
}

/** The breach in plain words: who, what, when it happened, how it came out, how much it hurt. */
function breachStory(r: SpaceReport, m: Model): SafeHtml {
  const b = m.view.breach;
  const breakers = andList(b.brokeTrust.map((id) => nameIn(r, id)));
  const sentences = [
    `${capitalised(breakers) || 'Someone'} broke trust: ${BREACH_KIND_LABELS[b.kind].toLowerCase()}.`,
    b.occurredOn ? `It happened on ${calendarDay(b.occurredOn)}.` : 'When it happened was not recorded.',
    b.cameOut === 'disclosed'
      ? `It came out because ${breakers} told.`
      : b.cameOut === 'discovered'
        ? 'It came out by being discovered.'
        : null,
    b.cameOutOn ? `It came out ${b.cameOutOn.length === 7 ? `in ${monthYear(b.cameOutOn)}` : `on ${calendarDay(b.cameOutOn)}`}.` : null,
    b.hurt !== null && b.hurt !== undefined ? `How much it hurt, on a scale of 1 to 5: ${b.hurt}.` : null,
    `${b.recordedBy ? `${nameIn(r, b.recordedBy)} recorded it` : 'It was recorded'} in Mend on ${dayOf(r, b.recordedAt)}, and the journey began on ${dayOf(r, m.view.openedAt)}.`,
    m.view.closedAt ? `The journey was closed on ${dayOf(r, m.view.closedAt)}.` : null,
  ].filter((x): x is string => x !== null);
  return html`<p class="report-story">${sentences.join(' ')}</p>
  ${
    b.description && b.recordedBy
      ? html`<figure class="report-quote"><figcaption>${nameIn(r, b.recordedBy)}’s description · ${visibilityLabel(r, b.recordedBy, b.description.visibility)}</figcaption>${removedAt(r, b.recordedBy, b.description.text) ? removedWords('The description', removedAt(r, b.recordedBy, b.description.text)!) : html`<blockquote class="report-text">${b.description.text}</blockquote>`}</figure>`
      : null
  }`;
}

function timelineWords(m: Model): string {
  const words = journeyTimelineWords(m.view.timeline, m.view.kind);
  return `${words.elapsed} ${words.range} It is a rough guide, not a deadline.`;
}

/** A sealed half is either still waiting for the other or opened for both; anything else says who may read it. */
function sealedOrNot(r: SpaceReport, m: Model, e: FullEntry): string {
  if (e.visibility !== 'sealed') return visibilityLabel(r, e.authorId, e.visibility);
  const opened = m.view.openedPairs.find((p) => p.prompt === e.prompt);
  return opened ? `Sealed, opened for both on ${dayOf(r, opened.openedAt)}` : 'Sealed: it opens for both once the other half is written';
}

function entryArticle(r: SpaceReport, m: Model, e: FullEntry): SafeHtml {
  const replyTo = e.replyTo ? m.entries.find((x) => x.id === e.replyTo) : undefined;
  const replyWords =
    replyTo && isFull(replyTo) ? html` · in reply to ${nameIn(r, replyTo.authorId)}’s of ${dayOf(r, replyTo.createdAt)}` : null;
  return html`<article class="report-entry">
    <h4 class="report-entry__title">“${PROMPT_TEXTS[e.prompt].label}”</h4>
    <p class="report-meta">${capitalised(nameIn(r, e.authorId))} · ${dayOf(r, e.createdAt)}${replyWords} · ${sealedOrNot(r, m, e)}</p>
    ${writing(r, e.authorId, e.text, 'What it said')}
  </article>`;
}

function apologies(r: SpaceReport, m: Model): SafeHtml | null {
  if (m.apologies.length === 0) return null;
  return html`${m.apologies.map((a) => {
    const delivered = a.deliveredAt !== null;
    return html`<article class="report-entry">
      <h4 class="report-entry__title">${delivered ? `${capitalised(nameIn(r, a.authorId))}’s apology` : 'Your apology, not delivered yet'}</h4>
      <p class="report-meta">${delivered ? `Delivered on ${dayOf(r, a.deliveredAt!)} · Shared` : `A draft · Private: only ${nameIn(r, a.authorId)} can read this`}</p>
      ${writing(r, a.authorId, a.text, 'The apology')}
      ${a.responses.map(
        (resp) =>
          html`<p class="report-answer"><strong>${nameIn(r, resp.by)} answered on ${dayOf(r, resp.createdAt)}:</strong> received${
            resp.sincere === true ? '; it felt sincere' : resp.sincere === false ? '; it did not feel sincere yet' : ''
          }${resp.missing.length ? `; something is missing: ${resp.missing.map((c) => APOLOGY_BUILDER_TEXTS[c].label.toLowerCase().replace(/\bi\b/g, 'I')).join(', ')}` : ''}.</p>
          ${resp.missingWords ? writing(r, resp.by, resp.missingWords, 'What is missing, in their words') : null}`,
      )}
    </article>`;
  })}`;
}

/** Still-sealed halves of the other partner: only that they exist, as the journey page says it. */
function sealedNotes(r: SpaceReport, m: Model): SafeHtml | null {
  const stubs = m.entries.filter((e) => !isFull(e));
  if (stubs.length === 0) return null;
  return html`${stubs.map(
    (s) =>
      html`<p class="report-note">${nameIn(r, s.authorId)} has written their half of “${PROMPT_TEXTS[s.prompt].label}”. It stays sealed until you write yours; then both open at once.</p>`,
  )}`;
}

/** One journey: the breach, the steps and when each was reached, and what was written, step by step. */
export function journeySection(r: SpaceReport, story: JourneyStory, index: number): SafeHtml {
  const m = story.model;
  const id = `report-journey-${index + 1}`;
  const full = m.entries.filter(isFull).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  const byStep = STEP_KEYS.map((key, i) => ({
    key,
    number: i + 1,
    entries: full.filter((e) => PROMPTS[e.prompt].step === key),
  }));
  return html`<section class="report-part report-journey" aria-labelledby="${id}">
    <h2 id="${id}">${BREACH_KIND_LABELS[m.view.kind]}</h2>
    ${breachStory(r, m)}
    <p>${timelineWords(m)}</p>
    <h3>The seven steps</h3>
    <ol class="report-steps">${story.steps.map(
      (s) =>
        html`<li class="report-step report-step--${s.status}"><span class="report-step__title">${STEP_TITLES[s.key]}</span> — ${stepLine(r, s)}</li>`,
    )}</ol>
    <h3>What was written</h3>
    ${full.length === 0 && m.apologies.length === 0 ? html`<p>Nothing written here yet that this record can show.</p>` : null}
    ${byStep
      .filter((s) => s.entries.length > 0 || (s.key === 'responsibility' && m.apologies.length > 0))
      .map(
        (s) => html`<section class="report-step-writing" aria-label="Step ${s.number}: ${STEP_TITLES[s.key]}">
        <p class="report-step-heading">Step ${s.number}: ${STEP_TITLES[s.key]}</p>
        ${s.key === 'responsibility' ? apologies(r, m) : null}
        ${s.entries.map((e) => entryArticle(r, m, e))}
      </section>`,
      )}
    ${sealedNotes(r, m)}
  </section>`;
}
