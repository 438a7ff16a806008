import type { EmailList } from '../../../core/notifications/email-stop-token.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';

const WHAT: Record<EmailList, { question: string; these: string }> = {
  waiting: {
    question: 'Stop the emails that tell you something is waiting in Mend?',
    these: 'emails that tell you something is waiting',
  },
  reminders: {
    question: 'Stop reminder emails from Mend?',
    these: 'reminder emails',
  },
};

const backOn = html`<p>You can turn them back on whenever you like: sign in to Mend and open <strong>Notifications</strong>. Nothing else
  changes, and nobody is told.</p>`;

/**
 * The page an email's stop link opens: one question and one button. Opening it changes nothing
 * (a mail program or a scanner may open links by itself); the button does. No sign-in needed.
 */
export function emailStopPage(o: { action: string; list: EmailList }): SafeHtml {
  const w = WHAT[o.list];
  return html`<h1>${w.question}</h1>
  <p>Mend will not send you any more ${w.these}. What happens in Mend still appears there when you sign in.</p>
  <form method="post" action="${o.action}" class="stack">
    <input type="hidden" name="List-Unsubscribe" value="One-Click">
    <button type="submit" class="button">Stop these emails</button>
  </form>
  ${backOn}`;
}

export function emailStoppedPage(list: EmailList): SafeHtml {
  return html`<h1>These emails are stopped</h1>
  <div class="notice" role="status"><p>Mend will not send you any more ${WHAT[list].these}.</p></div>
  ${backOn}`;
}

export function emailStopUnknownPage(): SafeHtml {
  return html`<h1>This link does not work</h1>
  <p>It may have been copied only in part. Nothing was changed. You can choose which emails Mend sends you under
  <strong>Notifications</strong> when you sign in.</p>`;
}
