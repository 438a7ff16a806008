import {
  AFFAIR_TOPIC_LABELS,
  AFFAIR_TOPICS,
  GUIDE_AUDIENCE_LABELS,
  GUIDE_AUDIENCES,
  guideUrl,
  stepGuide,
  type GuideId,
} from '../../../core/guides/index.js';
import { STEP_KEYS, STEP_TITLES, stepNumber } from '../../../core/journey/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { LoadedGuide } from '../library.js';

/** One guide: its Markdown (which carries the page's heading), then the way to the other guides. */
export function guidePage(id: GuideId, guide: LoadedGuide): SafeHtml {
  return html`<p class="breadcrumb"><a href="/guides">All guides</a></p>
  <article class="guide">${guide.body}</article>
  ${id.kind === 'step' ? otherReaders(id) : otherAffairGuides(id.topic)}`;
}

function otherReaders(id: Extract<GuideId, { kind: 'step' }>): SafeHtml {
  return html`<nav class="card card--quiet" aria-labelledby="other-guides-heading">
    <h2 id="other-guides-heading">The same step, for the others</h2>
    <ul>${GUIDE_AUDIENCES.filter((a) => a !== id.audience).map(
      (a) => html`<li><a href="${guideUrl(stepGuide(id.step, a))}">${GUIDE_AUDIENCE_LABELS[a]}</a></li>`,
    )}</ul>
    <p class="small">Step ${stepNumber(id.step)} of 7. <a href="/guides">Every step's guides</a>.</p>
  </nav>`;
}

function otherAffairGuides(topic: (typeof AFFAIR_TOPICS)[number]): SafeHtml {
  return html`<nav class="card card--quiet" aria-labelledby="other-guides-heading">
    <h2 id="other-guides-heading">More after an affair</h2>
    <ul>${AFFAIR_TOPICS.filter((t) => t !== topic).map((t) => html`<li><a href="${guideUrl({ kind: 'affair', topic: t })}">${AFFAIR_TOPIC_LABELS[t]}</a></li>`)}</ul>
  </nav>`;
}

/** Every guide, by step, then the guides after an affair. */
export function guidesIndexPage(): SafeHtml {
  return html`<h1>Guides</h1>
  <p class="lead">A short guide to each of the seven steps, for each of you: what the step is for, what is normal, what helps, what tends to hurt, and when to see a therapist. Each takes about two minutes to read. Anyone may read any of them.</p>
  <ol class="guide-index">
    ${STEP_KEYS.map(
      (step) => html`<li>
        <h2 id="guides-step-${stepNumber(step)}">Step ${stepNumber(step)}: ${STEP_TITLES[step]}</h2>
        <ul aria-labelledby="guides-step-${stepNumber(step)}">${GUIDE_AUDIENCES.map(
          (a) => html`<li><a href="${guideUrl(stepGuide(step, a))}">${GUIDE_AUDIENCE_LABELS[a]}</a></li>`,
        )}</ul>
      </li>`,
    )}
  </ol>
  <section aria-labelledby="guides-affair">
    <h2 id="guides-affair">After an affair</h2>
    <p>For both partners, each with a part for the partner who was hurt and a part for the partner who broke trust.</p>
    <ul>${AFFAIR_TOPICS.map((t) => html`<li><a href="${guideUrl({ kind: 'affair', topic: t })}">${AFFAIR_TOPIC_LABELS[t]}</a></li>`)}</ul>
  </section>
  <p class="small">The guides are general information written for Mend, with their sources, not advice for your situation. If you are afraid of your partner, see <a href="/support">support where you live</a>.</p>`;
}
