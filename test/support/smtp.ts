import net, { type AddressInfo } from 'node:net';
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
  /**
   * Refuses the next `n` messages with a temporary failure (451), as a mail server that is busy
   * or briefly down does; `attempts` counts every message offered, refused or not.
   */
  refuseNext(n: number): void;
  readonly attempts: number;
  /** Stops listening: Mend's connections are refused, as with a mail server that is down. */
  down(): Promise<void>;
  /**
   * Listens on the port again, but as a mail server that has hung: connections are accepted and
   * nothing is ever said. `connections` counts them, `open` those not yet closed.
   */
  hang(): Promise<{ readonly connections: number; readonly open: number }>;
  /** Serves mail on the same port again (after `down` or `hang`). */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server on a free local port, keeping every message it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const waiting: Array<() => void> = [];
  let refusing = 0;
  let attempts = 0;
  const serve = async (port: number): Promise<SMTPServer> => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          attempts += 1;
          if (refusing > 0) {
            refusing -= 1;
            return callback(Object.assign(new Error('Busy, try again later'), { responseCode: 451 }));
          }
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
          for (const wake of waiting.splice(0)) wake();
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return server;
  };
  let server: SMTPServer | null = await serve(0);
  let hung: net.Server | null = null;
  const hungSockets = new Set<net.Socket>();
  const port = (server.server.address() as AddressInfo).port;
  const stop = async (): Promise<void> => {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    const h = hung;
    hung = null;
    if (h) {
      for (const socket of hungSockets) socket.destroy();
      await new Promise<void>((resolve) => h.close(() => resolve()));
    }
  };
  return {
    get server() {
      if (!server) throw new Error('the mail server is down');
      return server;
    },
    port,
    received,
    env: { MEND_SMTP_URL: `smtp://127.0.0.1:${port}`, MEND_MAIL_FROM: 'Mend <mend@example.org>' },
    countTo: (to) => received.filter((m) => m.to.includes(to)).length,
    refuseNext(n) {
      refusing = n;
    },
    get attempts() {
      return attempts;
    },
    async messageTo(to, skip = 0) {
      for (;;) {
        const found = received.filter((m) => m.to.includes(to))[skip];
        if (found) return found;
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
    down: stop,
    async hang() {
      await stop();
      const sockets = hungSockets;
      let connections = 0;
      const h = net.createServer((socket) => {
        connections += 1;
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => h.listen(port, '127.0.0.1', resolve));
      hung = h;
      return {
        get connections() {
          return connections;
        },
        get open() {
          return sockets.size;
        },
      };
    },
    async up() {
      await stop();
      server = await serve(port);
    },
    close: stop,
  };
}

/** A message's header fields (unfolded; names in lower case) and its text body, decoded. */
export function readMessage(m: Received): { headers: Record<string, string>; body: string } {
  const raw = m.data;
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (/base64/i.test(headers['content-transfer-encoding'] ?? '')) {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, body };
}
