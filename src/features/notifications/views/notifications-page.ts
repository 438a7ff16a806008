import type { NotificationView } from '../service.js';
import type { ReminderPreferences } from '../store.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { historyLinks, NEWEST_PAGE, type HistoryPaging } from '../../../platform/web/components/older-link.js';
import { formatInstant } from '../../../platform/web/components/space-pages.js';

export function notificationsPage(o: {
  csrf: string;
  notifications: NotificationView[];
  paging?: HistoryPaging;
  reminders: ReminderPreferences;
  email: boolean;
  errors?: Record<string, string>;
  saved?: boolean;
  /** The push opt-in (features/push), when this Mend has push on. */
  push?: SafeHtml;
}): SafeHtml {
  return html`<h1>Notifications</h1>
  ${o.saved ? html`<div class="notice" role="status"><p>Your reminder settings are saved.</p></div>` : null}
  ${errorSummary(o.errors)}
  ${
    o.notifications.length
      ? html`<ul class="plain-list notifications">${o.notifications.map(
          (n) =>
            html`<li class="notification${n.readAt ? '' : ' notification--unread'}"><a href="${n.link}">${n.message}</a> <span class="muted small">${formatInstant(n.createdAt)}${n.readAt ? '' : ' · new'}</span></li>`,
        )}</ul>
      ${historyLinks(o.paging ?? NEWEST_PAGE, 'Older notifications')}
      <form method="post" action="/notifications/read" class="inline-form">${csrfField(o.csrf)}<button type="submit" class="button button--secondary">Mark all as read</button></form>`
      : html`<p>Nothing new.</p>`
  }
  <section class="card" aria-labelledby="h-reminders">
    <h2 id="h-reminders">Reminders</h2>
    <p>${o.email ? 'Reminders appear here and are sent to your email address.' : 'Reminders appear here. (This Mend is not set up to send email.)'} They never contain anything anyone wrote.</p>
    <form method="post" action="/notifications/reminders" class="stack">
      ${csrfField(o.csrf)}
      <div class="field${o.errors?.dailyTime ? ' field--error' : ''}">
        <label for="field-dailyTime">Daily check-in reminder at</label>
        <p class="hint" id="field-dailyTime-hint">Your local time. Leave empty for no daily reminder. It is skipped on days you have already checked in.</p>
        ${o.errors?.dailyTime ? html`<p class="field-error">${o.errors.dailyTime}</p>` : null}
        <input id="field-dailyTime" name="dailyTime" type="time" value="${o.reminders.dailyTime ?? ''}" aria-describedby="field-dailyTime-hint">
      </div>
      <div class="field"><label><input type="checkbox" name="weeklyEmail" value="yes"${o.reminders.weeklyEmail ? html` checked` : null}> Remind me on the day of our weekly check-in meeting</label></div>
      <button type="submit" class="button">Save reminders</button>
    </form>
  </section>
  ${o.push ?? null}`;
}
