import nodemailer, { type Transporter } from 'nodemailer';

/** What Mend sends: plain text with a link. Never anything a user wrote (docs/privacy-rules.md). */
export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer, from `MEND_SMTP_URL` (smtp://user:pass@host:587 or smtps://…:465). */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(email) {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text });
    },
    close() {
      transport.close();
    },
  };
}
