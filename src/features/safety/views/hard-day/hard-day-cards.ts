import { HARD_DAY } from '../../../../core/journey/index.js';
import { countryInSentence, type CountryResources } from '../../../../core/safety/index.js';
import { HARD_DAY_CLOSING_ALONE } from '../../../../core/partner-words.js';
import { html, type SafeHtml } from '../../../../platform/web/html.js';

/** The parts of the hard-day page that need no journey: steadying, reassurance, and support. */

export function groundingCard(alone = false): SafeHtml {
  return html`<section class="card" aria-labelledby="ground-heading">
    <h2 id="ground-heading">${HARD_DAY.grounding.title}</h2>
    <ol>${HARD_DAY.grounding.steps.map((s) => html`<li>${s}</li>`)}</ol>
    <p>${alone ? HARD_DAY_CLOSING_ALONE : HARD_DAY.grounding.closing}</p>
  </section>`;
}

/** Alone in the space (nobody has joined, or the partner left) there is no one to ask: no card. */
export function reassuranceCard(spaceId: string, alone = false): SafeHtml | null {
  if (alone) return null;
  return html`<section class="card" aria-labelledby="reassure-heading">
    <h2 id="reassure-heading">${HARD_DAY.reassuranceAction}</h2>
    <p>${HARD_DAY.reassuranceHelper}</p>
    <p><a class="button" href="/spaces/${spaceId}/reassurance">Ask for reassurance</a></p>
  </section>`;
}

/** The way out of Mend to people who can help, for the viewer's own country. */
export function supportCard(support: CountryResources): SafeHtml {
  const where = support.country === 'INTL' ? 'wherever you are' : `in ${countryInSentence(support.country, support.countryName)}`;
  return html`<section class="card card--quiet" aria-labelledby="support-heading">
    <h2 id="support-heading">${HARD_DAY.support.title}</h2>
    <p>${HARD_DAY.support.text} If you are in danger right now, call <a href="tel:${support.emergencyNumber}">${support.emergencyNumber}</a>.</p>
    <p><a href="/support?country=${support.country}">People you can talk to ${where}</a></p>
  </section>`;
}
