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
  /** The person's time zone, named beside the quiet hours. */
  timezone: string;
  errors?: Record<string, string>;
  saved?: 'reminders' | 'email';
  /** What the person typed in the email form, drawn again after a refusal. */
  emailForm?: EmailFormValues;
  /** Whether this Mend has push on: quiet hours hold for it too. */
  pushEnabled?: boolean;
  /** The push opt-in (features/push), when this Mend has push on. */
  push?: SafeHtml;
}): SafeHtml {
  return html`<h1>Notifications</h1>
  ${o.saved ? html`<div class="notice" role="status"><p>${o.saved === 'reminders' ? 'Your reminder settings are saved.' : o.email ? 'Your email settings are saved.' : 'Your quiet hours are saved.'}</p></div>` : null}
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
    <p>${o.email ? 'Reminders appear here, and by email if you choose below.' : 'Reminders appear here. (This Mend is not set up to send email.)'} They never contain anything anyone wrote.</p>
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
  ${emailSection(o)}
  ${o.push ?? null}`;
}

export interface EmailFormValues {
  waitingEmail: boolean;
  reminderEmail: boolean;
  quietStart: string;
  quietEnd: string;
}

/** The email choices and quiet hours (issue #18): one form, working without JavaScript. */
function emailSection(o: {
  csrf: string;
  reminders: ReminderPreferences;
  email: boolean;
  timezone: string;
  errors?: Record<string, string>;
  emailForm?: EmailFormValues;
  pushEnabled?: boolean | undefined;
}): SafeHtml {
  if (!o.email && !o.pushEnabled) return html``;
  const v: EmailFormValues = o.emailForm ?? {
    waitingEmail: o.reminders.waitingEmail,
    reminderEmail: o.reminders.reminderEmail,
    quietStart: o.reminders.quietHours?.start ?? '',
    quietEnd: o.reminders.quietHours?.end ?? '',
  };
  const error = o.errors?.quietHours;
  const checkbox = (name: string, checked: boolean, label: string, hint: string) =>
    html`<div class="checkbox"><input type="checkbox" id="field-${name}" name="${name}" value="yes" aria-describedby="field-${name}-hint"${checked ? html` checked` : null}>
      <label for="field-${name}">${label}</label>
      <p class="hint" id="field-${name}-hint">${hint}</p></div>`;
  const what = o.email && o.pushEnabled ? 'No email or push notification' : o.email ? 'No email' : 'No push notification';
  const after = o.email
    ? 'Anything that arrives then waits in Mend, and comes in one email when they end.'
    : 'Anything that arrives then waits in Mend for you.';
  const quiet = html`<fieldset class="field${error ? ' field--error' : ''}" id="field-quietHours" aria-describedby="field-quietHours-hint${error ? ' field-quietHours-error' : ''}">
        <legend>Quiet hours</legend>
        <p class="hint" id="field-quietHours-hint">${what} between these times, on your clock (${o.timezone}). ${after} Leave both empty for no quiet hours.</p>
        ${error ? html`<p class="field-error" id="field-quietHours-error">${error}</p>` : null}
        <div class="field"><label for="field-quietStart">From</label><input id="field-quietStart" name="quietStart" type="time" value="${v.quietStart}"></div>
        <div class="field"><label for="field-quietEnd">Until</label><input id="field-quietEnd" name="quietEnd" type="time" value="${v.quietEnd}"></div>
      </fieldset>`;
  if (!o.email) {
    return html`<section class="card" aria-labelledby="h-quiet">
    <h2 id="h-quiet">Quiet hours</h2>
    <form method="post" action="/notifications/email" class="stack">
      ${csrfField(o.csrf)}
      ${quiet}
      <button type="submit" class="button">Save quiet hours</button>
    </form>
  </section>`;
  }
  return html`<section class="card" aria-labelledby="h-email">
    <h2 id="h-email">Email</h2>
    <p>An email from Mend says only that something is waiting, with a link. It never says what anyone wrote, who did what, or what it is about, because other people sometimes read a mailbox or a phone’s screen. Every email has a link to stop it, which works without signing in.</p>
    <form method="post" action="/notifications/email" class="stack">
      ${csrfField(o.csrf)}
      <input type="hidden" name="emailChoices" value="shown">
      <fieldset class="checkboxes">
        <legend>Email me</legend>
        ${checkbox('waitingEmail', v.waitingEmail, 'When something is waiting for me', 'Only if you have not been on Mend since it arrived, and at most once an hour.')}
        ${checkbox('reminderEmail', v.reminderEmail, 'My reminders', 'The check-in and meeting reminders you chose above. They always appear here too.')}
      </fieldset>
      ${quiet}
      <button type="submit" class="button">Save email settings</button>
    </form>
  </section>`;
}
