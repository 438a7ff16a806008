import {
  AFFAIR_TOPIC_LABELS,
  GUIDE_AUDIENCE_LABELS,
  GUIDE_AUDIENCES,
  guideUrl,
  ownAudiences,
  stepGuide,
  type AffairTopic,
} from '../../../core/guides/index.js';
import type { StepKey, ViewerRole } from '../../../core/journey/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';

/**
 * On a step's page: "Read the guide for this step", the viewer's own first (one tap to it), then
 * the other readers' guides, which are not private either.
 */
export function stepGuideLinks(step: StepKey, role: ViewerRole, solo: boolean): SafeHtml {
  const own = ownAudiences(role, solo);
  const others = GUIDE_AUDIENCES.filter((a) => !own.includes(a));
  const ownLinks =
    own.length === 1
      ? html`<p><a href="${guideUrl(stepGuide(step, own[0]!))}">Read the guide for this step</a></p>`
      : html`<p>Read the guide for this step:</p>
        <ul>${own.map((a) => html`<li><a href="${guideUrl(stepGuide(step, a))}">${GUIDE_AUDIENCE_LABELS[a]}</a></li>`)}</ul>`;
  return html`<nav class="guide-links" aria-label="Guides for this step">
    ${ownLinks}
    ${
      others.length > 0
        ? html`<p class="small">Also: ${others.map(
            (a, i) => html`${i > 0 ? ' · ' : ''}<a href="${guideUrl(stepGuide(step, a))}">${GUIDE_AUDIENCE_LABELS[a].toLowerCase()}</a>`,
          )}</p>`
        : null
    }
  </nav>`;
}

/** A link to one guide after an affair, in a sentence of its own. */
export function affairGuideLink(topic: AffairTopic, words?: string): SafeHtml {
  return html`<p class="guide-links"><a href="${guideUrl({ kind: 'affair', topic })}">${words ?? `Read the guide: ${AFFAIR_TOPIC_LABELS[topic].toLowerCase()}`}</a></p>`;
}

/** On the hard-day page: the guides, and after an affair the one on triggers first. */
export function hardDayGuidesCard(afterCheating: boolean): SafeHtml {
  return html`<section class="card card--quiet" aria-labelledby="guides-heading">
    <h2 id="guides-heading">Guides for a hard day</h2>
    ${
      afterCheating
        ? html`<p><a href="${guideUrl({ kind: 'affair', topic: 'triggers' })}">When something brings it back: triggers, and how to answer them</a></p>`
        : null
    }
    <p><a href="/guides">Short guides for each step</a>, for each of you: what is normal, what helps, and when to see a therapist.</p>
  </section>`;
}
