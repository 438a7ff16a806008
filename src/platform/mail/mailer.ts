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
 * SMTP through nodemailer, from `MEND_SMTP_URL` (smtp://user:pass@host:587 or smtps://…:465).
 * nodemailer is loaded with the first email rather than at start-up: it is a large module and
 * mail goes out rarely.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  let transport: Promise<Transporter> | null = null;
  const open = (): Promise<Transporter> =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl)));
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
