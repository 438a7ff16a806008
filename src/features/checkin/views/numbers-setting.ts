import { html, type SafeHtml } from '../../../platform/web/html.js';
import { numbersQuestion, numbersValue } from './checkin-choices.js';
import { checkinSeenNow } from '../../../core/partner-words.js';
import { csrfField } from '../../../platform/web/components/forms.js';

/**
 * The settings section for who sees a person's check-in numbers (issue #14): its own form, so
 * it can be saved alone. Changing it tells nobody.
 */
export function checkinNumbersSetting(o: {
  csrf: string;
  shared: boolean | null;
  /** No partner in any of the person's spaces. */
  alone: boolean;
  error?: string | undefined;
  saved?: boolean;
}): SafeHtml {
  return html`<section class="card settings-section" id="checkin-numbers" aria-labelledby="h-checkin-numbers">
    <h2 id="h-checkin-numbers">Your check-in numbers</h2>
    ${o.saved ? html`<p class="notice" role="status">Saved. Nobody is told that you changed it.</p>` : null}
    ${o.alone ? null : html`<p>${checkinSeenNow(false, o.shared)}</p>`}
    <form method="post" action="/account/checkin-numbers" class="stack" novalidate>
      ${csrfField(o.csrf)}
      ${numbersQuestion({ value: numbersValue(o.shared), error: o.error, firstTime: false, alone: o.alone, legend: 'Who sees your safety, trust and closeness numbers and how your day was?' })}
      <button type="submit" class="button">Save this choice</button>
    </form>
  </section>`;
}
