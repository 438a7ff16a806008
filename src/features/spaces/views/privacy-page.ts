import { html, type SafeHtml } from '../../../platform/web/html.js';

/** `push`: whether this Mend offers push notifications (MEND_PUSH), the one request that can reach another company. */
export function privacyPage(o: { push: boolean }): SafeHtml {
  return html`<h1>How privacy works in Mend</h1>
  <p class="lead">Everything you write has a visibility that you choose.</p>
  <dl class="summary-list">
    <div><dt>Private</dt><dd>Only you. Not your partner, not a therapist, not your partner's export.</dd></div>
    <div><dt>Shared</dt><dd>You and your partner, and a therapist if you both agreed to invite one.</dd></div>
    <div><dt>Sealed</dt><dd>For paired questions. Your partner sees only that you answered, until they have answered too; then both answers open at the same moment.</dd></div>
  </dl>
  <p>You can share a private entry later. A shared entry cannot become private again, but you can delete it.</p>
  <p>Mend never watches a phone, a location, calls or messages. It makes no requests to other companies: no fonts, trackers or analytics${o.push ? ' — with one exception, only if you turn it on: push notifications, below' : ''}.</p>
  <p>Entries are encrypted in the database, so a copied database file or backup does not reveal them.</p>
  ${
    o.push
      ? html`<h2 id="push">Push notifications</h2>
  <p>Push notifications are off until you turn them on for a device, on your notifications page. Your browser asks you first, and you can turn them off there again at any time; signing out of that browser turns them off too.</p>
  <p>A push cannot go straight from Mend to your device. It travels through the push service of the company that makes your browser: Google's Firebase Cloud Messaging for Chrome and some other browsers built on it, Microsoft's Windows Push Notification Services for Edge on Windows, Mozilla's push service for Firefox (on Android, Mozilla hands it on through Google's service), and Apple's push service for Safari on a Mac, iPhone or iPad. That company learns that a message for your browser came from this Mend, and when.</p>
  <p>What it carries says only that something is waiting — never who, never anything anyone wrote — and it is encrypted so that the push service cannot read even that. Your device then shows the same fixed words: “Something is waiting for you in Mend.” Anyone who can see your screen can see that notice.</p>`
      : null
  }`;
}
