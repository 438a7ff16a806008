import {
  NEGATIVE_SCREEN_MESSAGE,
  POSITIVE_SCREEN_MESSAGE,
  SCREENING_ANSWERS,
  SCREENING_ANSWER_LABELS,
  SCREENING_INTRO,
  SCREENING_QUESTIONS,
  STAY_SAFE_TIPS,
  SUPPORTED_COUNTRIES,
  countryInSentence,
  type CountryResources,
  type SafetyMessage,
} from '../../../core/safety/index.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import { dayMonthYear } from '../../../platform/web/dates.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';

export function screeningPage(csrf: string, values: Record<string, string> = {}, details?: ErrorDetails, message?: string): SafeHtml {
  return html`<h1>A private check on your safety</h1>
  <p class="lead">${SCREENING_INTRO}</p>
  ${errorSummary(details, message)}
  <form method="post" action="/safety" class="stack" novalidate>
    ${csrfField(csrf)}
    ${SCREENING_QUESTIONS.map((q) => {
      const error = details?.[q.id];
      return html`<fieldset class="field choice-group${error ? ' field--error' : ''}" id="field-${q.id}">
        <legend>${q.text}</legend>
        ${error ? html`<p class="field-error"><span class="visually-hidden">Error:</span> ${error}</p>` : null}
        ${SCREENING_ANSWERS.map(
          (a) =>
            html`<label class="choice"><input type="radio" name="${q.id}" value="${a}"${values[q.id] === a ? html` checked` : null}> ${SCREENING_ANSWER_LABELS[a]}</label>`,
        )}
      </fieldset>`;
    })}
    <button type="submit" class="button">See what this means</button>
  </form>
  <p class="small">Skipping this is fine too: <a href="/">go back</a>. The support page is always in the menu.</p>`;
}

function paragraphs(message: SafetyMessage): SafeHtml {
  return html`${message.paragraphs.map((p) => html`<p>${p}</p>`)}`;
}

export function resourcesBlock(resources: CountryResources): SafeHtml {
  return html`<section aria-labelledby="resources-heading" class="card resources">
    <h2 id="resources-heading">${resources.country === 'INTL' ? 'People you can talk to' : html`People you can talk to in ${countryInSentence(resources.country, resources.countryName)}`}</h2>
    <p class="emergency">If you are in danger right now, call <a href="tel:${resources.emergencyNumber}">${resources.emergencyNumber}</a>.</p>
    <ul class="resource-list">
      ${resources.resources.map(
        (r) => html`<li>
          <h3>${r.name}${r.region ? html` <span class="small">(${r.region})</span>` : null}</h3>
          <p>${r.description}${r.open24Hours ? ' Open day and night.' : ''}</p>
          <ul class="contacts">${r.contacts.map((c) => html`<li><a href="${c.href}" rel="noreferrer">${c.display}</a></li>`)}</ul>
        </li>`,
      )}
    </ul>
    <p class="small">These details were checked on ${dayMonthYear(resources.writtenOn)}. Services change; if a number does not work, the international directory lists others.</p>
  </section>`;
}

/**
 * Another country's services, one tap away: a plain GET form, so it works without JavaScript and
 * the address (/support?country=IE) can be kept. The choice is not saved.
 */
function countryPicker(current: CountryResources['country']): SafeHtml {
  return html`<form method="get" action="/support" class="inline-choice" aria-label="Services in another country">
    <label for="field-country">Show services for</label>
    <select id="field-country" name="country">
      ${SUPPORTED_COUNTRIES.map((c) => html`<option value="${c.code}"${c.code === current ? html` selected` : null}>${c.name}</option>`)}
    </select>
    <button type="submit" class="button button--secondary">Show</button>
  </form>`;
}

function tipsBlock(): SafeHtml {
  return html`<section aria-labelledby="tips-heading">
    <h2 id="tips-heading">Staying safe while you use Mend</h2>
    <dl class="summary-list">${STAY_SAFE_TIPS.map((t) => html`<div><dt>${t.title}</dt><dd>${t.text}</dd></div>`)}</dl>
  </section>`;
}

/** After a positive screen the numbers come first, then another country, then the why. */
export function screeningResultPage(positive: boolean, resources: CountryResources): SafeHtml {
  if (!positive) {
    return html`<h1>${NEGATIVE_SCREEN_MESSAGE.title}</h1>${paragraphs(NEGATIVE_SCREEN_MESSAGE)}
    <p><a href="/support">See the support page</a></p>
    <p><a href="/">Go to your home page</a></p>`;
  }
  return html`<h1>${POSITIVE_SCREEN_MESSAGE.title}</h1>
  ${resourcesBlock(resources)}
  ${countryPicker(resources.country)}
  <section aria-labelledby="why-heading">
    <h2 id="why-heading">What this means</h2>
    ${paragraphs(POSITIVE_SCREEN_MESSAGE)}
  </section>
  ${tipsBlock()}
  <p><a href="/">Go to your home page</a></p>`;
}

export function supportPage(resources: CountryResources, signedIn: boolean): SafeHtml {
  return html`<h1>Support</h1>
  ${resourcesBlock(resources)}
  ${countryPicker(resources.country)}
  <p class="lead">If you feel afraid of your partner, or unsafe at home, you deserve support of your own. These services are free and confidential.</p>
  ${signedIn ? html`<p class="small">Mend shows the country you chose in <a href="/account/settings">your settings</a> first (or, if you have not chosen one, the country of your time zone).</p>` : null}
  ${tipsBlock()}
  ${signedIn ? html`<p>You can also take the <a href="/safety">private safety check</a> at any time.</p>` : null}`;
}

/** The gentle, private invitation on a person's own home page when a screening is due. */
export function screeningDueCard(): SafeHtml {
  return html`<aside class="card card--quiet" aria-labelledby="safety-due-heading">
    <h2 id="safety-due-heading">A private question about your safety</h2>
    <p>Every few weeks Mend asks each person, privately, whether they feel safe. Only you will see it, or know that you answered.</p>
    <p><a href="/safety">Take the private check</a> (about a minute)</p>
  </aside>`;
}
