import type { Transporter } from 'nodemailer';

/** What Mend sends: plain text with a link. Never anything a user wrote (docs/privacy-rules.md). */
export interface Email {
  to: string;
  subject: string;
  text: string;
  /** Extra header fields (List-Unsubscribe and its one-click companion). */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(email: Email): Promise<void>;
  close(): void;
}

/**
 * How long one email may wait on the mail server. nodemailer's own defaults (2 minutes to connect,
 * 10 minutes of silence) would hold the email loop for most of an hour behind a mail server that
 * accepts connections and says nothing; a failed email is tried again later anyway (retry.ts).
 */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * SMTP through nodemailer, from `MEND_SMTP_URL` (smtp://user:pass@host:587 or smtps://…:465).
 * nodemailer is loaded with the first email rather than at start-up: it is a large module and
 * mail goes out rarely.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  let transport: Promise<Transporter> | null = null;
  const open = (): Promise<Transporter> =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS })));
  return {
    async send(email) {
      await (
        await open()
      ).sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.headers ? { headers: email.headers } : {}),
      });
    },
    close() {
      void transport?.then(
        (t) => t.close(),
        () => undefined,
      );
    },
  };
}
