import { HARD_DAY } from '../../../../core/journey/index.js';
import type { CountryResources } from '../../../../core/safety/index.js';
import { html, type SafeHtml } from '../../../../platform/web/html.js';
import { groundingCard, reassuranceCard, supportCard } from './hard-day-cards.js';
import { hardDayGuidesCard } from '../../../guides/index.js';

/** The hard-day page of a space with no journey yet: everything that does not need one. */
export function spaceHardDayPage(spaceId: string, support: CountryResources, alone = false): SafeHtml {
  return html`<p class="breadcrumb"><a href="/spaces/${spaceId}">Back to your space</a></p>
  <h1>${HARD_DAY.title}</h1>
  <p class="lead">${HARD_DAY.intro}</p>
  ${groundingCard(alone)}
  ${reassuranceCard(spaceId, alone)}
  ${hardDayGuidesCard(false)}
  ${supportCard(support)}
  <p class="small">${HARD_DAY.noJourneyYet}</p>`;
}
