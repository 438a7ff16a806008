import { loadConfig } from '../../platform/config.js';
import { smtpMailer } from '../../platform/mail/mailer.js';
import { isEmailShaped } from '../../features/accounts/service.js';
import type { CliIo } from '../io.js';

/**
 * `mend mail-test <address>`: sends one plain email through MEND_SMTP_URL and says whether the
 * server took it, or what it answered. The SMTP URL (it may hold a password) is never printed.
 */
export async function runMailTest(args: string[], io: CliIo): Promise<number> {
  const [to, ...rest] = args;
  if (!to || rest.length > 0) {
    io.stderr.write('Usage: mend mail-test <address>\n');
    return 2;
  }
  if (!isEmailShaped(to)) {
    io.stderr.write('mend mail-test: that is not an email address (like name@example.org). Nothing was sent.\n');
    return 2;
  }
  const config = loadConfig();
  if (!config.smtpUrl) {
    io.stderr.write('mend mail-test: MEND_SMTP_URL is not set, so Mend sends no email. Set it (README, "Configuration") and try again.\n');
    return 1;
  }
  const url = new URL(config.smtpUrl);
  const server = `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`;
  const mailer = smtpMailer(config.smtpUrl, config.mailFrom);
  try {
    await mailer.send({
      to: to.trim(),
      subject: 'Mend test email',
      text: `This is a test email from Mend at ${config.baseUrl.origin}, sent by its operator with mend mail-test.\nIf it arrived, Mend can send reminders and password links.\n`,
    });
    io.stdout.write(`Sent. ${server} accepted the test email from ${config.mailFrom}.\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`mend mail-test: the email was not sent. ${smtpProblem(error, server)}\n`);
    return 1;
  } finally {
    mailer.close();
  }
}

/** The SMTP server's own answer, or why it could not be reached or spoken to, in one line. */
function smtpProblem(error: unknown, server: string): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = (e.response ?? e.message ?? '').trim().replace(/\s+/g, ' ');
  if (e.responseCode) return `The mail server answered ${e.responseCode}: ${said}`;
  if (e.code === 'EAUTH') return `The mail server refused the user name or password in MEND_SMTP_URL (${said}).`;
  if (e.code === 'ESOCKET' || e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'EDNS') {
    return `Mend could not reach the mail server at ${server} (${said}).`;
  }
  return e.code ? `${e.code}: ${said}` : said || String(error);
}
