import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField } from '../../../platform/web/components/forms.js';

/**
 * The settings page's own small form for Quick exit: whether it also signs the person out. On by
 * default; the words say what turning it off means, so nobody turns it off without knowing.
 */
export function quickExitSetting(csrf: string, signsOut: boolean, saved: boolean): SafeHtml {
  return html`<section class="settings-section" id="quick-exit" aria-labelledby="quick-exit-title">
  <h2 id="quick-exit-title">Quick exit</h2>
  <p>The Quick exit button at the top of every page, or Escape pressed three times, takes you straight to an everyday website.</p>
  ${saved ? html`<p class="notice" role="status">Your Quick exit setting is saved.</p>` : null}
  <form method="post" action="/account/quick-exit" class="stack">
    ${csrfField(csrf)}
    <div class="checkbox">
      <input type="checkbox" id="field-signsOut" name="signsOut" value="yes"${signsOut ? html` checked` : null} aria-describedby="field-signsOut-hint">
      <label for="field-signsOut">Quick exit also signs me out</label>
      <p class="hint" id="field-signsOut-hint">Then the browser's Back button shows the sign-in page, not what you were reading, and this device gets no more Mend notifications until you sign in and turn them on again. If you turn this off, anyone who presses Back on this device may see your last Mend page, and notifications keep arriving.</p>
    </div>
    <button type="submit" class="button button--secondary">Save Quick exit setting</button>
  </form>
</section>`;
}
