import { PUSH_BODY, PUSH_SERVICE_NAMES } from '../../../core/push/push-services.js';
import { csrfField } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { formatInstant } from '../../../platform/web/components/space-pages.js';
import type { PushSubscriptionView } from '../service.js';

/**
 * The opt-in on the notifications page. The button is drawn hidden and shown by the push island
 * (islands/push-opt-in.ts), which asks the browser for permission only when it is pressed. The
 * list of devices, and turning one off, work without JavaScript; turning push on cannot (the
 * browser makes the subscription), and the page says so.
 */
export function pushSection(o: { csrf: string; publicKey: string; devices: PushSubscriptionView[]; more: boolean }): SafeHtml {
  const current = o.devices.find((d) => d.current);
  return html`<section class="card push-opt-in" id="push" aria-labelledby="h-push" data-push-key="${o.publicKey}"${current ? html` data-push-on` : null}>
    <h2 id="h-push">Push notifications</h2>
    <p>If you like, Mend can put a short notice on this device's screen when something is waiting for you. It always says only “${PUSH_BODY}” — never who, never what anyone wrote. Anyone holding the device can see it, so turn it on only where that is all right with you.</p>
    <p>It is carried by your browser maker's push service (Google, Mozilla, Apple or Microsoft). <a href="/about/privacy#push">What that means for your privacy</a>.</p>
    ${current ? html`<p class="notice" role="status">Push notifications are on for this browser.</p>` : null}
    <div class="push-opt-in__controls" data-push-controls hidden>
      ${csrfField(o.csrf)}
      ${current ? null : html`<button type="button" class="button" data-push-turn-on>Turn on push notifications here</button>`}
      <p class="push-opt-in__status" role="status" data-push-status></p>
    </div>
    <noscript><p><strong>Push notifications need JavaScript</strong>, which is off in this browser. Everything else in Mend works without it, and your notifications are always here.</p></noscript>
    <h3>Devices with push notifications on</h3>
    ${
      o.devices.length
        ? html`<ul class="plain-list push-devices">${o.devices.map(
            (d) =>
              html`<li>${d.current ? 'This browser' : 'Another browser or device'}, through ${d.service ? PUSH_SERVICE_NAMES[d.service] : 'a push service'}, since ${formatInstant(d.createdAt)}.
              <form method="post" action="/notifications/push/${d.id}/remove" class="inline-form"${d.current ? html` data-push-current` : null}>${csrfField(o.csrf)}<button type="submit" class="link-button">Turn off<span class="visually-hidden"> push notifications for ${d.current ? 'this browser' : 'that device'}</span></button></form></li>`,
          )}</ul>${o.more ? html`<p class="muted small">Only the newest are shown here; turn some off to see the rest.</p>` : null}`
        : html`<p>None yet.</p>`
    }
    <p class="muted small">Signing out of a browser turns its push notifications off too.</p>
  </section>`;
}
