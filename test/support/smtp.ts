import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  data: string;
}

export interface TestSmtp {
  server: SMTPServer;
  port: number;
  received: Received[];
  /** The env that points Mend at this server. */
  env: Record<string, string>;
  /**
   * Resolves with the message to `to` after the first `skip` once it has arrived (mail may be
   * sent after the answer).
   */
  messageTo(to: string, skip?: number): Promise<Received>;
  /** How many messages to `to` have arrived. */
  countTo(to: string): number;
  close(): Promise<void>;
}

/** A real SMTP server on a free local port, keeping every message it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const waiting: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        for (const wake of waiting.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    server,
    port,
    received,
    env: { MEND_SMTP_URL: `smtp://127.0.0.1:${port}`, MEND_MAIL_FROM: 'Mend <mend@example.org>' },
    countTo: (to) => received.filter((m) => m.to.includes(to)).length,
    async messageTo(to, skip = 0) {
      for (;;) {
        const found = received.filter((m) => m.to.includes(to))[skip];
        if (found) return found;
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
